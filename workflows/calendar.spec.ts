import { localDate, WorkingCalendar } from './calendar';

describe('WorkingCalendar', () => {
  const calendar = new WorkingCalendar();

  it('counts weekdays and skips weekends', () => {
    // Monday 2 March 2026, 10:00 in Vietnam: 3 working days end with Thursday 5 March.
    expect(calendar.addWorkingDays(new Date('2026-03-02T03:00:00Z'), 3).toISOString()).toBe('2026-03-05T17:00:00.000Z');
    // Friday 6 March: 2 working days are Monday and Tuesday.
    expect(calendar.addWorkingDays(new Date('2026-03-06T03:00:00Z'), 2).toISOString()).toBe('2026-03-10T17:00:00.000Z');
  });

  it('skips the Tết break: 5 working days from Thursday 12 Feb 2026 end on Thursday 26 Feb', () => {
    expect(calendar.addWorkingDays(new Date('2026-02-12T02:00:00Z'), 5).toISOString()).toBe('2026-02-26T17:00:00.000Z');
  });

  it('counts Saturday 10 Jan 2026 as a working day', () => {
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
    // Friday 9 Jan: the first working day after it is Saturday 10 Jan, the second Monday 12 Jan.
    expect(calendar.addWorkingDays(new Date('2026-01-09T03:00:00Z'), 2).toISOString()).toBe('2026-01-12T17:00:00.000Z');
  });

  it('knows the 2025 and 2026 days off', () => {
    for (const day of ['2025-01-01', '2025-01-27', '2025-04-07', '2025-09-01', '2026-01-02', '2026-02-16', '2026-04-27', '2026-04-30', '2026-09-02']) {
      expect([day, calendar.isWorkingDay(day)]).toEqual([day, false]);
    }
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    expect(calendar.isWorkingDay('2026-08-22')).toBe(true);
  });

  it('reads dates in Vietnam time whatever the server’s zone', () => {
    expect(localDate(new Date('2026-02-13T16:59:59Z'))).toBe('2026-02-13');
    expect(localDate(new Date('2026-02-13T17:00:00Z'))).toBe('2026-02-14');
    // 23:30 on Friday 13 Feb in Vietnam is still Friday: one working day is Monday 23 Feb after Tết.
    expect(calendar.addWorkingDays(new Date('2026-02-13T16:30:00Z'), 1).toISOString()).toBe('2026-02-23T17:00:00.000Z');
  });
});
