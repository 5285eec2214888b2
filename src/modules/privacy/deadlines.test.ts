import { describe, expect, it } from 'vitest';
import { addCalendarMonths, extendedDueAt, requestDueAt } from './deadlines.js';

const d = (s: string) => new Date(s);

describe('calendar months (Regulation 1182/71)', () => {
  it.each([
    ['2026-01-31T10:00:00Z', 1, '2026-02-28T10:00:00Z'],
    ['2028-01-31T10:00:00Z', 1, '2028-02-29T10:00:00Z'], // leap year
    ['2026-01-15T10:00:00Z', 1, '2026-02-15T10:00:00Z'],
    ['2026-03-31T00:00:00Z', 1, '2026-04-30T00:00:00Z'],
    ['2026-12-31T23:00:00Z', 2, '2027-02-28T23:00:00Z'],
    ['2026-11-30T08:00:00Z', 3, '2027-02-28T08:00:00Z'],
    ['2027-11-30T08:00:00Z', 3, '2028-02-29T08:00:00Z'],
  ])('%s + %i month(s) = %s', (from, months, to) => {
    expect(addCalendarMonths(d(from), months).toISOString()).toBe(d(to).toISOString());
  });
});

describe('request deadlines: the earlier of 30 days and one calendar month', () => {
  it.each([
    ['2026-01-31T10:00:00Z', '2026-02-28T10:00:00Z'], // a month (28 days) is shorter than 30 days
    ['2028-01-31T10:00:00Z', '2028-02-29T10:00:00Z'], // leap February: 29 days
    ['2026-01-30T10:00:00Z', '2026-02-28T10:00:00Z'],
    ['2026-02-01T10:00:00Z', '2026-03-01T10:00:00Z'], // February: 28 days < 30
    ['2026-03-01T10:00:00Z', '2026-03-31T10:00:00Z'], // 31-day month: 30 days is earlier
    ['2026-04-01T10:00:00Z', '2026-05-01T10:00:00Z'], // 30-day month: both the same
    ['2026-12-31T23:59:00Z', '2027-01-30T23:59:00Z'],
  ])('verified %s → due %s', (verified, due) => {
    expect(requestDueAt(d(verified)).toISOString()).toBe(d(due).toISOString());
  });

  it('extends by up to two calendar months from the original due date', () => {
    expect(extendedDueAt(d('2026-02-28T10:00:00Z'), 2).toISOString()).toBe('2026-04-28T10:00:00.000Z');
    expect(extendedDueAt(d('2026-03-31T10:00:00Z'), 2).toISOString()).toBe('2026-05-31T10:00:00.000Z');
    expect(extendedDueAt(d('2025-12-31T10:00:00Z'), 2).toISOString()).toBe('2026-02-28T10:00:00.000Z');
  });
});
