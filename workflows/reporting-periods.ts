/**
 * Reporting periods and due dates, as data. The figures of a period are cut off as Decree 09/2019/NĐ-CP
 * art. 12 says: a 6-month report counts from the 15th of December of the previous year to the 14th of
 * June, a yearly report to the 14th of December. The plans then set their own due dates (and differ),
 * so each plan's schedule is a row here that a province's reporting chain names.
 */
import { localDate, startOfLocalDay } from './calendar';
import { Label } from './policy';

export type PeriodKind = 'half_year' | 'year';

export interface ReportingPeriod {
  /** `2026-H1` (15/12/2025–14/06/2026) or `2026-Y` (15/12/2025–14/12/2026). */
  id: string;
  kind: PeriodKind;
  year: number;
  label: Label;
  /** The first instant counted (00:00 of the 15th, Vietnam time). */
  from: Date;
  /** The first instant no longer counted (00:00 after the 14th). */
  to: Date;
  /** The local days, as people read them: `2025-12-15` … `2026-06-14`. */
  firstDay: string;
  lastDay: string;
}

export const PERIOD_ID = /^(\d{4})-(H1|Y)$/;
/** What a person is told when a period is written wrong. */
export const PERIOD_FORMAT: Label = { vi: 'Kỳ báo cáo có dạng 2026-H1 (6 tháng) hoặc 2026-Y (năm)', en: 'A period is written 2026-H1 (six months) or 2026-Y (year)' };

/** A unit's report for a period, as audit lines and e-mails name it: `commune:03390:2026-H1`. */
export function reportKey(unit: { level: string; code: string }, periodId: string): string {
  return `${unit.level}:${unit.code}:${periodId}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The period an id names, or null when it names none (a malformed id or a year out of range). */
export function reportingPeriod(id: string): ReportingPeriod | null {
  const match = PERIOD_ID.exec(id);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return null;
  const kind: PeriodKind = match[2] === 'H1' ? 'half_year' : 'year';
  const firstDay = `${year - 1}-12-15`;
  const next = kind === 'half_year' ? `${year}-06-15` : `${year}-12-15`;
  return {
    id,
    kind,
    year,
    label:
      kind === 'half_year'
        ? { vi: `Báo cáo 6 tháng đầu năm ${year}`, en: `First half of ${year}` }
        : { vi: `Báo cáo năm ${year}`, en: `Year ${year}` },
    from: startOfLocalDay(firstDay),
    to: startOfLocalDay(next),
    firstDay,
    lastDay: dayBefore(next),
  };
}

/** The reporting year an instant counts in: from the 15th of December on, the next calendar year's. */
export function reportingYear(instant: Date): number {
  const day = localDate(instant);
  const year = Number(day.slice(0, 4));
  return day.slice(5) >= '12-15' ? year + 1 : year;
}

/** The periods whose windows hold an instant: the half year (if it falls in one) and the year. */
export function periodsAt(instant: Date): ReportingPeriod[] {
  const year = reportingYear(instant);
  return [`${year}-H1`, `${year}-Y`]
    .map((id) => reportingPeriod(id) as ReportingPeriod)
    .filter((p) => instant >= p.from && instant < p.to);
}

/** How long a report not submitted keeps being chased: a year and a month past its period. */
const CHASED_FOR_MS = 400 * 86_400_000;

/** The periods whose reports may still be owed: this year's and last year's, ended less than 400 days ago. */
export function recentPeriods(now: Date): ReportingPeriod[] {
  const year = reportingYear(now);
  return [year, year - 1]
    .flatMap((y) => [`${y}-H1`, `${y}-Y`])
    .map((id) => reportingPeriod(id) as ReportingPeriod)
    .filter((p) => now.getTime() - p.to.getTime() < CHASED_FOR_MS);
}

export type ReportLevel = 'commune' | 'province';

/** A plan's due dates, `MM-DD`: the report is due by the end of that day (Vietnam time). */
export interface ReportSchedule {
  id: string;
  label: Label;
  basis: string;
  due: Record<ReportLevel, Record<PeriodKind, string>>;
}

export const REPORT_SCHEDULES: readonly ReportSchedule[] = [
  {
    id: 'ward-2026-2030',
    label: { vi: 'Kế hoạch phường 2026–2030: phường báo cáo thẳng Sở Y tế', en: 'Ward plan 2026–2030: wards report straight to the provincial health department' },
    basis: 'Kế hoạch phòng, chống lao động trẻ em giai đoạn 2026–2030 — policy',
    due: { commune: { half_year: '06-15', year: '12-10' }, province: { half_year: '06-25', year: '12-20' } },
  },
  {
    id: 'district-10-june',
    label: { vi: 'Trước ngày 10/6 và 10/12', en: 'Before 10 June and 10 December' },
    basis: 'Kế hoạch cấp huyện — báo cáo trước 10/6 và 10/12',
    due: { commune: { half_year: '06-09', year: '12-09' }, province: { half_year: '06-20', year: '12-20' } },
  },
  {
    id: 'commune-31-may',
    label: { vi: 'Xã trước 31/5 và 30/11, tỉnh trước 10/12', en: 'Communes by 31 May and 30 November, the province before 10 December' },
    basis: 'Kế hoạch cấp huyện — xã báo cáo 31/5, 30/11; huyện báo cáo tỉnh trước 10/12',
    due: { commune: { half_year: '05-31', year: '11-30' }, province: { half_year: '06-10', year: '12-09' } },
  },
];

export const DEFAULT_SCHEDULE = REPORT_SCHEDULES[0];

export function reportSchedule(id: string | null | undefined): ReportSchedule {
  return REPORT_SCHEDULES.find((s) => s.id === id) ?? DEFAULT_SCHEDULE;
}

/** When a unit's report for a period is due: the end of the schedule's day, in the period's year. */
export function reportDueAt(period: ReportingPeriod, level: ReportLevel, schedule: ReportSchedule = DEFAULT_SCHEDULE): Date {
  const [month, day] = schedule.due[level][period.kind].split('-').map(Number);
  const next = new Date(Date.UTC(period.year, month - 1, day + 1));
  return startOfLocalDay(`${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`);
}
