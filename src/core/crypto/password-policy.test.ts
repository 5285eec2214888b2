import { describe, expect, it } from 'vitest';
import { assessPassword, checkPassword, personalInputs } from './password-policy.js';

describe('password policy (NIST 800-63B + zxcvbn score >= 3)', () => {
  it.each([
    ['eleven char', /at least 12/],
    ['x'.repeat(129), /at most 128/],
    ['qwerty123456', /common or breached/],
    ['QWERTY123456', /common or breached/],
    ['1q2w3e4r5t6y', /common or breached/],
    ['aaaaaaaaaaaa', /too easy to guess: repeated characters/],
    ['qwertyuiopas', /too easy to guess/],
    ['x'.repeat(128), /too easy to guess/],
  ])('refuses %s, saying why', (password, message) => {
    expect(checkPassword(password)).toMatch(message);
  });

  it.each(['twelve chars', 'correct horse battery staple', 'ünïcödé pässwörd', 'Tr0ub4dor&3xy'])(
    'accepts %s with no composition rules',
    (password) => {
      expect(checkPassword(password)).toBeNull();
    },
  );

  it("counts the person's own name and email as known to an attacker", () => {
    const mine = personalInputs('Wilhelmina', 'Zyxwvut', 'wilhelmina.zyxwvut@example.pt');
    expect(checkPassword('wilhelminazyxwvut')).toBeNull();
    expect(checkPassword('wilhelminazyxwvut', mine)).toMatch(/your name or email/);
    expect(checkPassword('wilhelmina.zyxwvut@example.pt', mine)).toMatch(/too easy to guess/);
  });

  it('counts characters, not bytes', () => {
    expect(checkPassword('😀🐙🎸🌵🚲🍋🦊🎲🧭🪁🫖🛶')).toBeNull();
    expect(checkPassword('😀🐙🎸🌵🚲🍋🦊🎲🧭🪁🫖')).toMatch(/at least 12/);
  });

  it('gives the web app a score and suggestions to show while typing', () => {
    const weak = assessPassword('aaaaaaaaaaaa');
    expect(weak).toMatchObject({ acceptable: false, score: expect.any(Number) });
    expect(weak.score).toBeLessThan(3);
    expect(weak.suggestions.length).toBeGreaterThan(0);
    expect(assessPassword('correct horse battery staple')).toEqual({
      acceptable: true,
      score: 4,
      problem: null,
      suggestions: [],
    });
  });
});
