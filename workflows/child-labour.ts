/**
 * When is a child's work unlawful? Labour Code 2019 art. 143–147 and Circular 09/2020/TT-BLĐTBXH,
 * as summarised in shared/domain/child-labour-rules.md. Pure: same facts, same verdict.
 */

/** Light work a child of 13 to under 15 may do (Circular 09/2020); art and sport open to under-13s too. */
export const LIGHT_JOBS = [
  'performing_arts',
  'athlete',
  'software_programming',
  'traditional_crafts',
  'handicrafts',
  'weaving',
  'hand_wrapping_food',
  'silkworm_raising',
  'clean_vegetable_gardening',
  'farm_herding',
  'fishing_net_and_seafood_drying',
] as const;

/** Art. 145(3): the only work open to a child under 13. */
export const UNDER_13_JOBS = ['performing_arts', 'athlete'] as const;

/** Art. 147(1): jobs forbidden to anyone under 18. */
export const FORBIDDEN_JOBS = [
  'heavy_lifting',
  'alcohol_tobacco_drugs',
  'chemicals_gas_explosives',
  'machine_maintenance',
  'building_demolition',
  'metal_smelting_rolling_welding',
  'diving_offshore_fishing',
] as const;

/** Art. 147(2): workplaces forbidden to anyone under 18. */
export const FORBIDDEN_WORKPLACES = [
  'underwater',
  'underground',
  'cave_or_tunnel',
  'construction_site',
  'slaughterhouse',
  'casino',
  'bar',
  'karaoke',
  'hotel',
  'guesthouse',
  'sauna',
  'massage_parlour',
  'lottery_venue',
  'video_game_venue',
] as const;

/**
 * Jobs where a 15–17-year-old may work at night or overtime. Circular 09/2020 lists them; *policy*:
 * we ship the art and sport jobs and let a province extend the list.
 */
export const NIGHT_WORK_JOBS_15_TO_18 = ['performing_arts', 'athlete'] as const;

export const OTHER_WORKPLACES = ['home', 'family_farm', 'field', 'workshop', 'factory', 'shop', 'restaurant', 'street', 'sea', 'other'] as const;

export type LightJob = (typeof LIGHT_JOBS)[number];
export type ForbiddenJob = (typeof FORBIDDEN_JOBS)[number];
export type Job = LightJob | ForbiddenJob | 'other';
export type ForbiddenWorkplace = (typeof FORBIDDEN_WORKPLACES)[number];
export type Workplace = ForbiddenWorkplace | (typeof OTHER_WORKPLACES)[number];
export const JOBS: readonly Job[] = [...LIGHT_JOBS, ...FORBIDDEN_JOBS, 'other'];
export const WORKPLACES: readonly Workplace[] = [...FORBIDDEN_WORKPLACES, ...OTHER_WORKPLACES];

export interface ChildWork {
  /** Completed years of age at the time of the work. */
  ageYears: number;
  job: Job;
  workplace: Workplace;
  hoursPerDay: number;
  hoursPerWeek: number;
  /** Any work between 22:00 and 06:00. */
  nightWork: boolean;
  /** Heavy, hazardous or toxic conditions, whatever the job's name. */
  hazardousConditions?: boolean;
  /** Art. 145(3): the provincial labour authority approved the art or sport work of an under-13; absent when not known. */
  provincialApproval?: boolean;
  /** Art. 145 duties of an employer of an under-15; omitted when there is no employer. */
  employerDuties?: { writtenContract: boolean; outsideSchoolHours: boolean; healthChecks: boolean };
  missedSchool?: boolean;
  poorHousehold?: boolean;
  siblingInChildLabour?: boolean;
}

/**
 * `approval_required`: an under-13 in art or sport (art. 145(3)) whose provincial approval is not
 * known yet — lawful only if the provincial labour authority approved it, so that is to be checked.
 */
export type Verdict = 'unlawful' | 'approval_required' | 'at_risk' | 'permitted';

export interface Reason {
  code: string;
  /** The legal basis applied, e.g. "Labour Code 2019 art. 147(1)". */
  basis: string;
  vi: string;
  en: string;
}

export interface Classification {
  verdict: Verdict;
  reasons: Reason[];
  /**
   * The police must hear of it at once: an art. 147 job, workplace or condition forbidden to
   * under-18s, which for an under-16 may also be the crime of Penal Code art. 296.
   */
  policeReferral: boolean;
}

/** *Policy*: permitted work at or above this share of the hour limit counts as at risk. */
export const NEAR_HOUR_LIMIT_SHARE = 0.75;

const LC = 'Bộ luật Lao động 2019 / Labour Code 2019';
/** Findings of Labour Code art. 147: jobs, workplaces and conditions forbidden to anyone under 18. */
const ART_147_CODES = ['FORBIDDEN_JOB', 'FORBIDDEN_WORKPLACE', 'HAZARDOUS_CONDITIONS'];
const C09 = 'Thông tư 09/2020/TT-BLĐTBXH / Circular 09/2020';

function reason(code: string, basis: string, vi: string, en: string): Reason {
  return { code, basis, vi, en };
}

function includes<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

function hourLimits(ageYears: number): { perDay: number; perWeek: number; basis: string } {
  return ageYears < 15
    ? { perDay: 4, perWeek: 20, basis: `${LC} art. 146(1)` }
    : { perDay: 8, perWeek: 40, basis: `${LC} art. 146(2)` };
}

function unlawfulReasons(work: ChildWork): Reason[] {
  const reasons: Reason[] = [];
  const { ageYears, job, workplace } = work;

  if (ageYears < 13) {
    if (!includes(UNDER_13_JOBS, job)) {
      reasons.push(reason('UNDER_13_NOT_ART_OR_SPORT', `${LC} art. 143(4), 145(3)`,
        'Trẻ dưới 13 tuổi chỉ được làm nghệ thuật, thể dục, thể thao',
        'A child under 13 may only work in art or sport'));
    } else if (work.provincialApproval === false) {
      reasons.push(reason('UNDER_13_NO_APPROVAL', `${LC} art. 145(3)`,
        'Trẻ dưới 13 tuổi làm nghệ thuật, thể thao phải được cơ quan lao động cấp tỉnh chấp thuận',
        'Art or sport work of a child under 13 needs the provincial labour authority’s approval'));
    }
  } else if (ageYears < 15) {
    if (!includes(LIGHT_JOBS, job)) {
      reasons.push(reason('NOT_LIGHT_WORK', `${LC} art. 143(3); ${C09}`,
        'Trẻ từ 13 đến dưới 15 tuổi chỉ được làm công việc nhẹ theo danh mục',
        'A child of 13 to under 15 may only do the listed light work'));
    }
  }

  if (includes(FORBIDDEN_JOBS, job)) {
    reasons.push(reason('FORBIDDEN_JOB', `${LC} art. 147(1)`,
      'Công việc cấm sử dụng người chưa thành niên',
      'A job forbidden to anyone under 18'));
  }
  if (includes(FORBIDDEN_WORKPLACES, workplace)) {
    reasons.push(reason('FORBIDDEN_WORKPLACE', `${LC} art. 147(2)`,
      'Nơi làm việc cấm sử dụng người chưa thành niên',
      'A workplace forbidden to anyone under 18'));
  }
  if (work.hazardousConditions) {
    reasons.push(reason('HAZARDOUS_CONDITIONS', `${LC} art. 147(1)(h), 147(2)(đ)`,
      'Làm việc trong điều kiện nặng nhọc, độc hại, nguy hiểm',
      'Work in heavy, hazardous or toxic conditions'));
  }

  const limits = hourLimits(ageYears);
  if (work.hoursPerDay > limits.perDay) {
    reasons.push(reason('DAILY_HOURS_EXCEEDED', limits.basis,
      `Quá ${limits.perDay} giờ/ngày`, `More than ${limits.perDay} hours a day`));
  }
  if (work.hoursPerWeek > limits.perWeek) {
    reasons.push(reason('WEEKLY_HOURS_EXCEEDED', limits.basis,
      `Quá ${limits.perWeek} giờ/tuần`, `More than ${limits.perWeek} hours a week`));
  }

  if (work.nightWork) {
    if (ageYears < 15) {
      reasons.push(reason('NIGHT_WORK_UNDER_15', `${LC} art. 146(1)`,
        'Trẻ dưới 15 tuổi không được làm việc ban đêm (22:00–06:00)',
        'A child under 15 may not work at night (22:00–06:00)'));
    } else if (!includes(NIGHT_WORK_JOBS_15_TO_18, job)) {
      reasons.push(reason('NIGHT_WORK_NOT_LISTED', `${LC} art. 146(2); ${C09}`,
        'Công việc này không thuộc danh mục được làm việc ban đêm',
        'This job is not on the list allowed at night'));
    }
  }
  return reasons;
}

function atRiskReasons(work: ChildWork): Reason[] {
  const reasons: Reason[] = [];
  const limits = hourLimits(work.ageYears);
  if (
    work.hoursPerDay >= limits.perDay * NEAR_HOUR_LIMIT_SHARE ||
    work.hoursPerWeek >= limits.perWeek * NEAR_HOUR_LIMIT_SHARE
  ) {
    reasons.push(reason('NEAR_HOUR_LIMIT', limits.basis,
      'Thời giờ làm việc gần mức tối đa', 'Working hours near the legal limit'));
  }
  if (work.missedSchool) {
    // Work must not take an under-15's school hours (art. 145(1)(b)); above 15 it is a sign to watch.
    reasons.push(reason('MISSED_SCHOOL', work.ageYears < 15 ? `${LC} art. 145(1)(b)` : 'policy',
      'Trẻ nghỉ học', 'The child misses school'));
  }
  if (work.poorHousehold) {
    reasons.push(reason('POOR_HOUSEHOLD', 'policy',
      'Hộ nghèo hoặc cận nghèo', 'Poor or near-poor household'));
  }
  if (work.siblingInChildLabour) {
    reasons.push(reason('SIBLING_IN_CHILD_LABOUR', 'policy',
      'Anh chị em đang là lao động trẻ em', 'A sibling is already in child labour'));
  }
  const duties = work.employerDuties;
  if (work.ageYears < 15 && duties && !(duties.writtenContract && duties.outsideSchoolHours && duties.healthChecks)) {
    reasons.push(reason('EMPLOYER_DUTIES_MISSING', `${LC} art. 145(1)(a)–(c)`,
      'Người sử dụng lao động chưa thực hiện nghĩa vụ (hợp đồng, ngoài giờ học, khám sức khỏe)',
      'The employer misses its duties (written contract, outside school hours, health checks)'));
  }
  return reasons;
}

export function classifyChildWork(work: ChildWork): Classification {
  if (work.ageYears >= 18) {
    return { verdict: 'permitted', reasons: [], policeReferral: false };
  }
  const unlawful = unlawfulReasons(work);
  const policeReferral = unlawful.some((r) => ART_147_CODES.includes(r.code));
  // Penal Code art. 296: an under-16 in heavy, hazardous or toxic work may be a crime.
  if (policeReferral && work.ageYears < 16) {
    unlawful.push(reason('POSSIBLE_CRIME_ART_296', 'Bộ luật Hình sự / Penal Code art. 296',
      'Dấu hiệu tội phạm: sử dụng người dưới 16 tuổi làm công việc nặng nhọc, độc hại, nguy hiểm',
      'Signs of a crime: a child under 16 used in heavy, hazardous or toxic work'));
  }
  if (unlawful.length > 0) {
    return { verdict: 'unlawful', reasons: unlawful, policeReferral };
  }
  if (work.ageYears < 13 && work.provincialApproval === undefined) {
    return {
      verdict: 'approval_required',
      reasons: [
        reason('UNDER_13_APPROVAL_TO_CHECK', `${LC} art. 145(3)`,
          'Trẻ dưới 13 tuổi làm nghệ thuật, thể thao: chỉ hợp pháp khi cơ quan lao động cấp tỉnh đã chấp thuận; cần kiểm tra văn bản chấp thuận',
          'A child under 13 in art or sport: lawful only with the provincial labour authority’s approval, which is to be checked'),
        ...atRiskReasons(work),
      ],
      policeReferral: false,
    };
  }
  const atRisk = atRiskReasons(work);
  return { verdict: atRisk.length > 0 ? 'at_risk' : 'permitted', reasons: atRisk, policeReferral: false };
}
