import { ChildWork } from '../../workflows/child-labour';
import { Category, Findings } from '../../workflows/case.machine';
import { CATEGORY_LABELS, Channel, SEXES } from '../../workflows/labels';
import { FieldError } from '../common/validation';

export { CHANNELS, SEXES } from '../../workflows/labels';
export type { Channel } from '../../workflows/labels';
export const CATEGORIES = Object.keys(CATEGORY_LABELS) as Category[];

/** The report as recorded on Mẫu số 01 (Decree 56/2017 art. 25(1)). Personal data: never logged. */
export interface CaseIntake {
  channel: Channel;
  receivedAt: string;
  category: Category;
  location: { provinceCode: string; districtCode: string | null; communeCode: string; address: string | null };
  child: {
    name: string | null;
    dateOfBirth: string | null;
    estimatedAgeYears: number | null;
    sex: (typeof SEXES)[number];
    ethnicity: string | null;
  };
  condition: string;
  /** Where the child is now, if the caller knows (another province, a workplace). */
  whereNow: string | null;
  /** Who took the child away or holds them now, as the caller says. */
  takenBy: string | null;
  likelyHarm: string | null;
  caregivers: string | null;
  /** Absent from reports taken before it was asked. */
  guardian: { name: string | null; phone: string | null } | null;
  actionsTaken: string | null;
  reporter: { anonymous: boolean; consent: boolean; name: string | null; phone: string | null; relationship: string | null };
  signs: Findings;
  work: ChildWork | null;
}

/** Completed years at `on`, from a date of birth, or the estimate when there is none. */
export function childAgeYears(child: CaseIntake['child'], on: Date): number | null {
  if (!child.dateOfBirth) return child.estimatedAgeYears;
  const born = new Date(`${child.dateOfBirth}T00:00:00Z`);
  let age = on.getUTCFullYear() - born.getUTCFullYear();
  const birthdayPassed =
    on.getUTCMonth() > born.getUTCMonth() || (on.getUTCMonth() === born.getUTCMonth() && on.getUTCDate() >= born.getUTCDate());
  if (!birthdayPassed) age -= 1;
  return age;
}

/** A report stamped a little ahead of our clock is a device clock, not a report from the future. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * What in a well-formed report cannot be true: a report from the future or from before the window
 * we take reports for, a child born after the report or 18 or older at it.
 */
export function implausibleIntake(intake: CaseIntake, now: Date, maxReportAgeDays: number): FieldError[] {
  const problems: FieldError[] = [];
  const receivedAt = new Date(intake.receivedAt);
  if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    problems.push({ field: 'receivedAt', problems: ['receivedAt cannot be in the future'] });
  } else if (now.getTime() - receivedAt.getTime() > maxReportAgeDays * 86_400_000) {
    problems.push({
      field: 'receivedAt',
      problems: [`receivedAt is more than ${maxReportAgeDays} days ago; older reports are entered by an administrator who widens REPORT_MAX_AGE_DAYS`],
    });
  }
  if (intake.child.dateOfBirth) {
    const age = childAgeYears(intake.child, receivedAt) ?? 0;
    if (age < 0) problems.push({ field: 'child.dateOfBirth', problems: ['child.dateOfBirth is after the report was received'] });
    else if (age >= 18) {
      problems.push({ field: 'child.dateOfBirth', problems: [`child.dateOfBirth gives an age of ${age} when reported; a child is under 18`] });
    }
  }
  return problems;
}
