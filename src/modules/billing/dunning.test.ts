import { describe, expect, it } from 'vitest';
import { defaultDunningSchedule, stageAt } from './dunning.js';

const due = new Date('2027-01-10T09:00:00Z');
const at = (days: number) => new Date(due.getTime() + days * 86_400_000);

describe('the dunning schedule', () => {
  it('reaches each step on its day, counted from the due date', () => {
    const stage = (days: number) => stageAt(defaultDunningSchedule, due, at(days));
    expect(stage(-3.01)).toBeNull();
    expect(stage(-3)).toBe('reminder');
    expect(stage(-0.001)).toBe('reminder');
    expect(stage(0)).toBeNull(); // due today: not overdue until a day has passed
    expect(stage(1)).toBe('overdue-1');
    expect(stage(6.99)).toBe('overdue-1');
    expect(stage(7)).toBe('overdue-2');
    expect(stage(14)).toBe('overdue-3');
    expect(stage(15)).toBe('suspension');
    expect(stage(400)).toBe('suspension');
  });

  it('follows a configured schedule with fewer overdue notices', () => {
    const schedule = { reminderDaysBefore: 0, overdueDaysAfter: [5], suspendDaysAfter: 10, cancelNoticeDays: 30 };
    expect(stageAt(schedule, due, at(-1))).toBeNull();
    expect(stageAt(schedule, due, at(5))).toBe('overdue-1');
    expect(stageAt(schedule, due, at(9))).toBe('overdue-1');
    expect(stageAt(schedule, due, at(10))).toBe('suspension');
  });
});
