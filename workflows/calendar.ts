/**
 * Working-day arithmetic in Asia/Ho_Chi_Minh time. Vietnam has kept UTC+7 without daylight saving
 * since 1975, so a fixed offset is exact and the server's own time zone never matters.
 */

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Days off and swapped working Saturdays, as local dates `YYYY-MM-DD`. */
export interface HolidaySchedule {
  daysOff: readonly string[];
  workingWeekendDays: readonly string[];
}

/** The official schedules for civil servants (shared/domain/process.md). */
export const OFFICIAL_SCHEDULES: HolidaySchedule = {
  daysOff: [
    '2025-01-01',
    ...dateRange('2025-01-25', '2025-02-02'),
    ...dateRange('2025-04-05', '2025-04-07'),
    ...dateRange('2025-04-30', '2025-05-04'),
    ...dateRange('2025-08-30', '2025-09-02'),
    ...dateRange('2026-01-01', '2026-01-04'),
    ...dateRange('2026-02-14', '2026-02-22'),
    '2026-04-27',
    '2026-04-30',
    '2026-05-01',
    ...dateRange('2026-08-29', '2026-09-02'),
  ],
  workingWeekendDays: ['2025-04-26', '2026-01-10', '2026-08-22'],
};

export function dateRange(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** The local (Vietnam) calendar date of an instant, `YYYY-MM-DD`. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a local date begins (00:00 in Vietnam). */
export function startOfLocalDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - VN_OFFSET_MS);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

export class WorkingCalendar {
  private readonly daysOff: ReadonlySet<string>;
  private readonly workingWeekendDays: ReadonlySet<string>;

  constructor(schedule: HolidaySchedule = OFFICIAL_SCHEDULES) {
    this.daysOff = new Set(schedule.daysOff);
    this.workingWeekendDays = new Set(schedule.workingWeekendDays);
  }

  isWorkingDay(date: string): boolean {
    if (this.workingWeekendDays.has(date)) return true;
    if (this.daysOff.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * "Within N working days" of an instant: counting starts the next working day, and the step is
   * due when the Nth working day ends (24:00 local time).
   */
  addWorkingDays(from: Date, days: number): Date {
    let date = localDate(from);
    let counted = 0;
    while (counted < days) {
      date = nextDate(date);
      if (this.isWorkingDay(date)) counted += 1;
    }
    return startOfLocalDay(nextDate(date));
  }
}
