export const DAY = 86_400_000;

/** How long an answer's archive can be downloaded, then it is deleted: a copy of someone's data. */
export const ANSWER_DOWNLOAD_DAYS = 7;

/** When whoever answers a request is reminded of it: a week and a day before it is due. */
export const reminderTimes = (dueAt: Date) => [7, 1].map((days) => new Date(dueAt.getTime() - days * DAY));

/**
 * `date` plus `months` calendar months, as EU law counts them (Regulation 1182/71 art. 3(2)(c)):
 * the same day-of-month, or the month's last day when it has no such day (31 Jan + 1 = 28/29 Feb).
 * Computed in UTC.
 */
export function addCalendarMonths(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = new Date(date);
  d.setUTCDate(1);
  d.setUTCFullYear(y, m, Math.min(date.getUTCDate(), lastDay));
  return d;
}

/**
 * When a data-subject request is due: the earlier of the policy's 30 days and GDPR Art. 12(3)'s one
 * calendar month, counted from the moment the requester's identity was verified.
 */
export function requestDueAt(verifiedAt: Date): Date {
  const thirtyDays = new Date(verifiedAt.getTime() + 30 * DAY);
  const oneMonth = addCalendarMonths(verifiedAt, 1);
  return thirtyDays < oneMonth ? thirtyDays : oneMonth;
}

/** Art. 12(3): at most two further months, once, counted from the original due date. */
export function extendedDueAt(dueAt: Date, months: 1 | 2): Date {
  return addCalendarMonths(dueAt, months);
}
