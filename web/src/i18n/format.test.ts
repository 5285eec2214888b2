import { describe, expect, it } from 'vitest';
import { en, type Messages } from './en';
import { createFormatters, formattingLocale, render } from './format';
import { ptPT } from './pt-PT';

describe('formattingLocale', () => {
  it('uses the European variant of the page language unless the browser names its own', () => {
    expect(formattingLocale('en', ['pt-PT', 'pt'])).toBe('en-GB');
    expect(formattingLocale('en', ['en'])).toBe('en-GB');
    expect(formattingLocale('en', ['en-US', 'en'])).toBe('en-US');
    expect(formattingLocale('pt-PT', ['en-GB'])).toBe('pt-PT');
    expect(formattingLocale('pt-PT', ['pt-PT'])).toBe('pt-PT');
  });
});

describe('createFormatters', () => {
  it('puts the day before the month for en-GB and pt-PT readers, and after it for en-US ones', () => {
    expect(createFormatters('en-GB').day('2026-03-04')).toBe('4 Mar 2026');
    expect(createFormatters('pt-PT').day('2026-03-04')).toBe('04/03/2026');
    expect(createFormatters('en-US').day('2026-03-04')).toBe('Mar 4, 2026');
    expect(createFormatters('en-GB').dateTime('2026-03-04T12:00:00Z')).toMatch(/^4 Mar 2026, \d\d:\d\d$/);
    expect(createFormatters('pt-PT').dateTime('2026-03-04T12:00:00Z')).toMatch(/^04\/03\/2026, \d\d:\d\d$/);
  });

  it('never shifts a bare calendar date by the time zone', () => {
    expect(createFormatters('en-GB').day('2026-01-01')).toBe('1 Jan 2026');
  });

  it("formats numbers and money in the reader's way", () => {
    expect(createFormatters('en-GB').number(12345)).toBe('12,345');
    expect(createFormatters('pt-PT').number(12345)).toBe('12\u00a0345');
    expect(createFormatters('en-GB').money(9, 'EUR')).toBe('€9');
    expect(createFormatters('pt-PT').money(9, 'EUR')).toBe('9\u00a0€');
    expect(createFormatters('pt-PT').money(9.5, 'EUR')).toBe('9,50\u00a0€');
  });
});

describe('render', () => {
  const f = createFormatters('en-GB');
  const msg = { one: '{count} entry', other: '{count} entries' };
  it('picks the plural form with Intl.PluralRules and formats the count', () => {
    expect(render(msg, { count: 1 }, new Intl.PluralRules('en'), f)).toBe('1 entry');
    expect(render(msg, { count: 0 }, new Intl.PluralRules('en'), f)).toBe('0 entries');
    expect(render(msg, { count: 2500 }, new Intl.PluralRules('en'), f)).toBe('2,500 entries');
    // European Portuguese puts 0 in the plural; Brazilian Portuguese (`pt`) would not, hence the full tag.
    expect(render(msg, { count: 0 }, new Intl.PluralRules('pt-PT'), f)).toBe('0 entries');
    expect(render(msg, { count: 0 }, new Intl.PluralRules('pt'), f)).toBe('0 entry');
    expect(render({ one: 'um', other: 'vários' }, { count: 1 }, new Intl.PluralRules('pt-PT'), f)).toBe('um');
  });
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(render('Hello {name}, {missing}', { name: 'Ana' }, new Intl.PluralRules('en'), f)).toBe(
      'Hello Ana, {missing}',
    );
  });
});

describe('the catalogues', () => {
  const placeholders = (m: Messages[keyof Messages]) =>
    [...new Set((typeof m === 'string' ? [m] : Object.values(m)).join(' ').match(/\{\w+\}/g) ?? [])].sort();
  it('say the same things in both languages: same placeholders, plural forms where English has them', () => {
    for (const key of Object.keys(en) as (keyof Messages)[]) {
      expect(placeholders(ptPT[key]), key).toEqual(placeholders(en[key]));
      expect(typeof ptPT[key], key).toBe(typeof en[key]);
    }
  });
});
