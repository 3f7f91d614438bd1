import { ChildWork } from '../../workflows/child-labour';
import { Category, Findings } from '../../workflows/case.machine';

export const CHANNELS = ['hotline_111', 'provincial_hotline', 'in_person', 'school', 'police', 'residential_group', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CATEGORIES: readonly Category[] = ['abused', 'at_risk', 'special_circumstances'];
export const SEXES = ['female', 'male', 'unknown'] as const;

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
  likelyHarm: string | null;
  caregivers: string | null;
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
