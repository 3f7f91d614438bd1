/**
 * Working-day arithmetic in Asia/Ho_Chi_Minh time. Vietnam has kept UTC+7 without daylight saving
 * since 1975, so a fixed offset is exact and the server's own time zone never matters.
 *
 * Each year the government publishes its schedule of days off and swapped working Saturdays. A
 * year whose schedule is entered as published follows it alone; any other year gets the Labour Code
 * art. 112 holidays computed (Tết and Hùng Kings' day from the lunar calendar), and single days
 * entered by an administrator override either.
 */
import { lunarToSolar } from './lunar';

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type DayKind = 'day_off' | 'working_day';

export interface CalendarDay {
  date: string;
  kind: DayKind;
  nameVi: string;
  nameEn: string;
}

export interface CalendarData {
  /** Days that differ from the Monday–Friday week, local dates `YYYY-MM-DD`. */
  days: readonly CalendarDay[];
  /** Years whose official schedule is entered in full: no computed holidays for them. */
  publishedYears: readonly number[];
}

function dateRange(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

function offDays(first: string, last: string, nameVi: string, nameEn: string): CalendarDay[] {
  return dateRange(first, last).map((date) => ({ date, kind: 'day_off', nameVi, nameEn }));
}

function workingDay(date: string, nameVi: string, nameEn: string): CalendarDay {
  return { date, kind: 'working_day', nameVi, nameEn };
}

const NEW_YEAR = ['Tết Dương lịch', 'New Year’s Day'] as const;
const TET = ['Tết Nguyên đán', 'Lunar New Year (Tết)'] as const;
const HUNG = ['Giỗ Tổ Hùng Vương', 'Hùng Kings’ Commemoration'] as const;
const REUNIFICATION = ['Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5', 'Reunification Day and Labour Day'] as const;
const NATIONAL_DAY = ['Quốc khánh 2/9', 'National Day'] as const;
const SWAPPED = ['Ngày làm việc bù', 'Swapped working day'] as const;

/** The official schedules for civil servants (shared/domain/process.md), shipped as data. */
export const OFFICIAL_SCHEDULES: CalendarData = {
  publishedYears: [2025, 2026],
  days: [
    ...offDays('2025-01-01', '2025-01-01', ...NEW_YEAR),
    ...offDays('2025-01-25', '2025-02-02', ...TET),
    ...offDays('2025-04-05', '2025-04-07', ...HUNG),
    ...offDays('2025-04-30', '2025-05-04', ...REUNIFICATION),
    workingDay('2025-04-26', ...SWAPPED),
    ...offDays('2025-08-30', '2025-09-02', ...NATIONAL_DAY),
    ...offDays('2026-01-01', '2026-01-04', ...NEW_YEAR),
    workingDay('2026-01-10', ...SWAPPED),
    ...offDays('2026-02-14', '2026-02-22', ...TET),
    ...offDays('2026-04-27', '2026-04-27', ...HUNG),
    ...offDays('2026-04-30', '2026-05-01', ...REUNIFICATION),
    ...offDays('2026-08-29', '2026-09-02', ...NATIONAL_DAY),
    workingDay('2026-08-22', ...SWAPPED),
  ],
};

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A local date moved by whole days or months; a month without the same day ends on its last day
 * (Criminal Procedure Code art. 134).
 */
export function addPeriod(date: string, period: { days: number } | { months: number }): string {
  if ('days' in period) return addDays(date, period.days);
  const [y, m, d] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y, m - 1 + period.months, d));
  if (shifted.getUTCDate() !== d) shifted.setUTCDate(0);
  return shifted.toISOString().slice(0, 10);
}

function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * Labour Code art. 112 for a year without a published schedule: 1 January; Tết, the last day of
 * the lunar year and the first four of the new one; Hùng Kings' day (10th day of the 3rd lunar
 * month); 30 April; 1 May; 2 September and the day before. A holiday on a weekend is taken on the
 * next working day (art. 112(3)).
 */
export function computedHolidays(year: number): CalendarDay[] {
  const tet = lunarToSolar(1, 1, year);
  const holidays: CalendarDay[] = [
    ...offDays(`${year}-01-01`, `${year}-01-01`, ...NEW_YEAR),
    ...offDays(addDays(tet, -1), addDays(tet, 3), ...TET),
    ...offDays(lunarToSolar(10, 3, year), lunarToSolar(10, 3, year), ...HUNG),
    ...offDays(`${year}-04-30`, `${year}-05-01`, ...REUNIFICATION),
    ...offDays(`${year}-09-01`, `${year}-09-02`, ...NATIONAL_DAY),
  ];
  const taken = new Set(holidays.map((d) => d.date));
  const compensation: CalendarDay[] = [];
  for (const holiday of holidays.filter((d) => isWeekend(d.date))) {
    let date = addDays(holiday.date, 1);
    while (isWeekend(date) || taken.has(date)) date = addDays(date, 1);
    taken.add(date);
    compensation.push({ ...holiday, date, nameVi: `Nghỉ bù ${holiday.nameVi}`, nameEn: `${holiday.nameEn} (in lieu)` });
  }
  return [...holidays, ...compensation].sort((a, b) => a.date.localeCompare(b.date));
}

/** The local (Vietnam) calendar date of an instant, `YYYY-MM-DD`. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a local date begins (00:00 in Vietnam). */
export function startOfLocalDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - VN_OFFSET_MS);
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A due time as people say it, in Vietnam time: a deadline that ends a day (24:00) is "the end of"
 * that day — "hết ngày 26/02/2026", "end of 26 Feb 2026" — never 00:00 of the next; any other is
 * the hour and the day.
 */
export function describeDue(due: Date): { vi: string; en: string } {
  const local = new Date(due.getTime() + VN_OFFSET_MS);
  const endOfDay = local.getUTCHours() === 0 && local.getUTCMinutes() === 0 && local.getUTCSeconds() === 0 && local.getUTCMilliseconds() === 0;
  const [y, m, d] = (endOfDay ? addDays(localDate(due), -1) : localDate(due)).split('-');
  const vi = `${d}/${m}/${y}`;
  const en = `${Number(d)} ${MONTHS_EN[Number(m) - 1]} ${y}`;
  if (endOfDay) return { vi: `hết ngày ${vi}`, en: `end of ${en}` };
  const time = local.toISOString().slice(11, 16);
  return { vi: `${time} ngày ${vi}`, en: `${time}, ${en}` };
}

export class WorkingCalendar {
  private readonly entered: ReadonlyMap<string, CalendarDay>;
  private readonly published: ReadonlySet<number>;
  private readonly computed = new Map<number, ReadonlyMap<string, CalendarDay>>();

  constructor(data: CalendarData = OFFICIAL_SCHEDULES) {
    this.entered = new Map(data.days.map((day) => [day.date, day]));
    this.published = new Set(data.publishedYears);
  }

  /** The days of a year that differ from the Monday–Friday week, entered or computed. */
  exceptions(year: number): Array<CalendarDay & { source: 'entered' | 'computed' }> {
    const days = new Map<string, CalendarDay & { source: 'entered' | 'computed' }>();
    for (const day of this.computedFor(year).values()) days.set(day.date, { ...day, source: 'computed' });
    for (const day of this.entered.values()) {
      if (day.date.startsWith(`${year}-`)) days.set(day.date, { ...day, source: 'entered' });
    }
    return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  isPublished(year: number): boolean {
    return this.published.has(year);
  }

  isWorkingDay(date: string): boolean {
    const day = this.entered.get(date) ?? this.computedFor(Number(date.slice(0, 4))).get(date);
    return day ? day.kind === 'working_day' : !isWeekend(date);
  }

  /**
   * "Within N working days" of an instant: counting starts the next working day, and the step is
   * due when the Nth working day ends (24:00 local time).
   */
  addWorkingDays(from: Date, days: number): Date {
    let date = localDate(from);
    let counted = 0;
    while (counted < days) {
      date = addDays(date, 1);
      if (this.isWorkingDay(date)) counted += 1;
    }
    return startOfLocalDay(addDays(date, 1));
  }

  /**
   * How late a step is at `now`, as people say it. A working-day deadline is late by the working
   * days begun since it passed ("quá hạn 2 ngày làm việc"); any other by hours, then by days, since
   * those run on the clock. Late over a weekend only, it is late by hours. Null before it is due.
   */
  lateness(due: Date, now: Date, workingDays: boolean): { vi: string; en: string } | null {
    if (now.getTime() <= due.getTime()) return null;
    const hours = Math.floor((now.getTime() - due.getTime()) / 3_600_000);
    if (workingDays) {
      const today = localDate(now);
      let days = 0;
      for (let date = localDate(due); date <= today; date = addDays(date, 1)) if (this.isWorkingDay(date)) days += 1;
      if (days > 0) return { vi: `quá hạn ${days} ngày làm việc`, en: `${days} working day${days > 1 ? 's' : ''} late` };
    }
    if (hours < 24) return { vi: `quá hạn ${Math.max(1, hours)} giờ`, en: `${Math.max(1, hours)} h late` };
    const days = Math.floor(hours / 24);
    return { vi: `quá hạn ${days} ngày`, en: `${days} day${days > 1 ? 's' : ''} late` };
  }

  /** The end (24:00 local) of a local date, or of the first working day from it when it is a day off. */
  endOfDay(date: string, nextWorkingDay: boolean): Date {
    let day = date;
    while (nextWorkingDay && !this.isWorkingDay(day)) day = addDays(day, 1);
    return startOfLocalDay(addDays(day, 1));
  }

  private computedFor(year: number): ReadonlyMap<string, CalendarDay> {
    if (this.published.has(year)) return new Map();
    let days = this.computed.get(year);
    if (!days) {
      days = new Map(computedHolidays(year).map((day) => [day.date, day]));
      this.computed.set(year, days);
    }
    return days;
  }
}
