import { describe, expect, it } from 'vitest';
import { dataKeys } from './data-keys.js';
import {
  basisWords,
  categoryWords,
  purposeWords,
  recipientWords,
  regionWords,
  retentionWords,
  subjectWords,
} from './labels.js';
import { policyLanguages } from './languages.js';

const tables = {
  dataKeys,
  subjectWords,
  categoryWords,
  purposeWords,
  basisWords,
  retentionWords,
  recipientWords,
  regionWords,
};

describe('the words of the policy', () => {
  it.each(Object.entries(tables))(
    '%s: every entry is written in every language, and Portuguese is not English copied over',
    (_, words) => {
      for (const [id, byLanguage] of Object.entries(
        words as Record<string, Record<string, string | readonly string[]>>,
      )) {
        const texts = policyLanguages.map((l) => [byLanguage[l]].flat());
        for (const t of texts.flat()) expect(t?.trim(), id).toBeTruthy();
        expect(texts[1]!.join(' '), id).not.toBe(texts[0]!.join(' '));
      }
    },
  );
});
