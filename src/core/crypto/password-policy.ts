import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/*
 * The password rules, as one pure module the web app may import as is (it imports only
 * @zxcvbn-ts, nothing of Node), so the strength meter shown while typing and the server's
 * verdict can never disagree: call assessPassword(password, [firstName, lastName, email]) on
 * each keystroke and show `score` (0–4), `problem` and `suggestions`; the server refuses exactly
 * when `acceptable` is false.
 */

export const passwordRules = { minLength: 12, maxLength: 128, minScore: 3 } as const;

// zxcvbn-ts ships the ~50k most common passwords seen in breaches; a password found there is refused.
const commonPasswords = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

let estimator: ZxcvbnFactory | undefined;
function estimate(password: string, userInputs: string[]) {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator.check(password, userInputs);
}

// zxcvbn names the weakness it found; these say it in plain words.
const weaknesses: Record<string, string> = {
  straightRow: 'a row of keys on the keyboard is easy to guess',
  keyPattern: 'a keyboard pattern is easy to guess',
  simpleRepeat: 'repeated characters like "aaa" are easy to guess',
  extendedRepeat: 'repeated groups like "abcabc" are easy to guess',
  sequences: 'sequences like "abc" or "6543" are easy to guess',
  recentYears: 'recent years are easy to guess',
  dates: 'dates are easy to guess',
  topTen: 'it is one of the most used passwords',
  topHundred: 'it is one of the most used passwords',
  common: 'it is a commonly used password',
  similarToCommon: 'it is too close to a commonly used password',
  wordByItself: 'single words are easy to guess',
  namesByThemselves: 'names are easy to guess',
  commonNames: 'common names are easy to guess',
  userInputs: 'it contains your name or email',
  pwned: 'it appeared in a data breach',
};
const advice: Record<string, string> = {
  l33t: 'Swapping letters for look-alike symbols (a → @) does not help much.',
  reverseWords: 'Spelling a word backwards does not help much.',
  allUppercase: 'Capitalise some letters, not all.',
  capitalization: 'Capitalise more than the first letter.',
  dates: 'Avoid dates and years linked to you.',
  recentYears: 'Avoid recent years.',
  associatedYears: 'Avoid years linked to you.',
  sequences: 'Avoid sequences.',
  repeated: 'Avoid repeated words and characters.',
  longerKeyboardPattern: 'Use longer keyboard patterns with changes of direction.',
  anotherWord: 'Add more words that are less common.',
  useWords: 'Use several words, but avoid common phrases.',
  noNeed: 'No need for symbols, digits or capitals: length matters most.',
  pwned: 'Change this password wherever you use it.',
};

/** The person's own name and email, as zxcvbn user inputs: whole and in parts. */
export function personalInputs(...values: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (!v) continue;
    out.add(v.toLowerCase());
    for (const part of v.toLowerCase().split(/[\s@._+-]+/)) if (part.length >= 3) out.add(part);
  }
  return [...out];
}

export interface PasswordVerdict {
  acceptable: boolean;
  /** zxcvbn's 0–4; at least `passwordRules.minScore` is needed. */
  score: number;
  /** Why it is refused, in a sentence; null when acceptable. */
  problem: string | null;
  suggestions: string[];
}

/**
 * NIST 800-63B: length, no composition rules, not a known-breached password; and zxcvbn's score
 * of at least 3 against guessing, counting the person's own name and email (`userInputs`, see
 * personalInputs) as known to the attacker.
 */
export function assessPassword(password: string, userInputs: string[] = []): PasswordVerdict {
  const length = [...password].length;
  const refuse = (problem: string, score = 0, suggestions: string[] = []) => ({
    acceptable: false,
    score,
    problem,
    suggestions,
  });
  if (length < passwordRules.minLength) return refuse(`Use at least ${passwordRules.minLength} characters.`);
  if (length > passwordRules.maxLength) return refuse(`Use at most ${passwordRules.maxLength} characters.`);
  if (commonPasswords.has(password.toLowerCase()))
    return refuse('This password appears in lists of common or breached passwords; choose another.');
  const result = estimate(password, userInputs);
  const suggestions = result.feedback.suggestions.map((s) => advice[s] ?? s);
  if (result.score < passwordRules.minScore) {
    const why = result.feedback.warning
      ? (weaknesses[result.feedback.warning] ?? result.feedback.warning)
      : 'it could be guessed quickly';
    return refuse(`This password is too easy to guess: ${why}. Try a few unrelated words.`, result.score, suggestions);
  }
  return { acceptable: true, score: result.score, problem: null, suggestions };
}

/** The reason a password is refused, or null. */
export function checkPassword(password: string, userInputs: string[] = []): string | null {
  return assessPassword(password, userInputs).problem;
}
