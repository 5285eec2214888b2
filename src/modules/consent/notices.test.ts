import { describe, expect, it } from 'vitest';
import { currentNotice, negotiateLanguage, pickVersion, type NoticeVersion } from './notices.js';

describe('consent notices: language and effective date', () => {
  it('chooses European Portuguese for any Portuguese browser, English otherwise', () => {
    expect(negotiateLanguage('pt-PT,pt;q=0.9')).toBe('pt-PT');
    expect(negotiateLanguage('pt-BR')).toBe('pt-PT');
    expect(negotiateLanguage('pt')).toBe('pt-PT');
    expect(negotiateLanguage('en-GB,pt;q=0.5')).toBe('en');
    expect(negotiateLanguage('de')).toBe('en');
    expect(negotiateLanguage(undefined)).toBe('en');
  });

  it('a new version takes effect on its date, and not before', () => {
    const versions: NoticeVersion[] = [
      { version: 'v1', effectiveFrom: '2026-01-01', texts: { en: 'one', 'pt-PT': 'um' } },
      { version: 'v2', effectiveFrom: '2027-03-01', texts: { en: 'two', 'pt-PT': 'dois' } },
    ];
    expect(pickVersion(versions, new Date('2027-02-28T23:59:59Z')).version).toBe('v1');
    expect(pickVersion(versions, new Date('2027-03-01T00:00:00Z')).version).toBe('v2');
    expect(pickVersion(versions, new Date('2025-06-01T00:00:00Z')).version).toBe('v1');
  });

  it('each language has its own text and hash under one version', () => {
    const now = new Date('2026-11-25T00:00:00Z');
    const en = currentNotice('marketing', 'en', now);
    const pt = currentNotice('marketing', 'pt-PT', now);
    expect(en.version).toBe(pt.version);
    expect(en.text).not.toBe(pt.text);
    expect(en.hash).not.toBe(pt.hash);
    expect(pt.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
