import { computedHolidays, localDate, WorkingCalendar } from './calendar';
import { lunarToSolar } from './lunar';

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

  it('says how late a step is: working days for a working-day deadline, hours then days for the clock', () => {
    // Due at the end of Friday 6 March 2026 (17:00 UTC).
    const due = new Date('2026-03-06T17:00:00Z');
    expect(calendar.lateness(due, new Date('2026-03-06T16:00:00Z'), true)).toBeNull();
    // Saturday morning: no working day has begun since, so it is late by hours.
    expect(calendar.lateness(due, new Date('2026-03-07T03:00:00Z'), true)).toEqual({ vi: 'quá hạn 10 giờ', en: '10 h late' });
    // Tuesday 10 March, 09:00 in Vietnam: Monday and Tuesday.
    expect(calendar.lateness(due, new Date('2026-03-10T02:00:00Z'), true)).toEqual({ vi: 'quá hạn 2 ngày làm việc', en: '2 working days late' });
    // The same moment for a deadline on the clock: 3 days and 9 hours.
    expect(calendar.lateness(due, new Date('2026-03-10T02:00:00Z'), false)).toEqual({ vi: 'quá hạn 3 ngày', en: '3 days late' });
    // Late over Tết: due the end of Friday 13 Feb 2026, seen on Tuesday 24 Feb: only the 23rd and 24th count.
    expect(calendar.lateness(new Date('2026-02-13T17:00:00Z'), new Date('2026-02-24T03:00:00Z'), true)?.vi).toBe('quá hạn 2 ngày làm việc');
  });
});

describe('computed holidays for a year without a published schedule', () => {
  it('finds Tết and Hùng Kings’ day from the lunar calendar', () => {
    const days = (year: number) => computedHolidays(year).filter((d) => !d.nameEn.includes('in lieu')).map((d) => d.date);
    // Tết 2027 falls on Saturday 6 February; Hùng Kings' day on Friday 16 April.
    expect(days(2027)).toEqual(expect.arrayContaining(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-04-16']));
    expect(days(2028)).toEqual(expect.arrayContaining(['2028-01-25', '2028-01-26', '2028-01-29', '2028-04-04']));
  });

  it('agrees with the lunar dates of past years', () => {
    expect([2023, 2024, 2025, 2026].map((y) => lunarToSolar(1, 1, y))).toEqual(['2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17']);
    expect([2023, 2024, 2025, 2026].map((y) => lunarToSolar(10, 3, y))).toEqual(['2023-04-29', '2024-04-18', '2025-04-07', '2026-04-26']);
  });

  it('gives a weekend holiday back on the next working day', () => {
    // 2027: Tết's Saturday and Sunday (6–7 Feb) come back on Wednesday 10 and Thursday 11 Feb;
    // 1 May 2027 is a Saturday, taken on Monday 3 May.
    const inLieu = computedHolidays(2027).filter((d) => d.nameEn.includes('in lieu')).map((d) => d.date);
    expect(inLieu).toEqual(expect.arrayContaining(['2027-02-10', '2027-02-11', '2027-05-03']));
    const calendar = new WorkingCalendar();
    expect(calendar.isWorkingDay('2027-02-10')).toBe(false);
    expect(calendar.isWorkingDay('2027-02-12')).toBe(true);
  });

  it('leaves a published year to its schedule, and lets an entered day override a computed one', () => {
    const calendar = new WorkingCalendar({
      publishedYears: [2026],
      days: [{ date: '2027-02-10', kind: 'working_day', nameVi: 'Làm bù', nameEn: 'Swapped' }],
    });
    // 2026 is published with no days entered here: Tết week is ordinary working days.
    expect(calendar.isWorkingDay('2026-02-17')).toBe(true);
    expect(calendar.isWorkingDay('2027-02-10')).toBe(true);
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false);
    expect(calendar.exceptions(2027).find((d) => d.date === '2027-02-10')).toMatchObject({ source: 'entered', kind: 'working_day' });
  });
});
