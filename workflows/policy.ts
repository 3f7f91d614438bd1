/**
 * The one versioned policy table: who owes each step and by when. Numbers marked *policy* in
 * shared/domain/process.md are ours to configure; a province changes them by shipping a new version.
 */

export type AgencyType =
  | 'HOTLINE_111'
  | 'SOCIAL_WORK_CENTRE'
  | 'LABOUR_SOCIAL'
  | 'CULTURE_SOCIAL'
  | 'COMMUNE_PC'
  | 'POLICE'
  | 'EDUCATION'
  | 'HEALTH'
  | 'AGRICULTURE'
  | 'MASS_ORGS'
  | 'RESIDENTIAL_GROUP'
  | 'JUSTICE';

export const AGENCY_TYPES: readonly AgencyType[] = [
  'HOTLINE_111', 'SOCIAL_WORK_CENTRE', 'LABOUR_SOCIAL', 'CULTURE_SOCIAL', 'COMMUNE_PC', 'POLICE',
  'EDUCATION', 'HEALTH', 'AGRICULTURE', 'MASS_ORGS', 'RESIDENTIAL_GROUP', 'JUSTICE',
];

/** Roles as the accounts issue names them; a commune chair acts as the commune's supervisor. */
export type Role = 'operator' | 'officer' | 'supervisor' | 'coordinator' | 'administrator';

export const REFERRAL_KINDS = ['police', 'education', 'health', 'socialSupport', 'labourInspection', 'shelter'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

/** Lead agency at ward level since 2025 first, the district office where it still exists. */
export const LEAD_AGENCY_TYPES: readonly AgencyType[] = ['CULTURE_SOCIAL', 'LABOUR_SOCIAL'];

export type Anchor = 'receipt' | 'stepStarted' | 'referralOpened';

/** Hours run on the clock, nights and holidays included; working days follow the calendar. */
export type DeadlineRule =
  | { hours: number; from: Anchor; basis: string }
  | { workingDays: number; from: Anchor; basis: string };

export interface ReferralPolicy {
  /** Agency types that take this referral, in order of preference within the case's area. */
  to: readonly AgencyType[];
  accept: DeadlineRule;
  complete: DeadlineRule;
  label: { vi: string; en: string };
}

export const ALERT_LEVELS = ['due_soon', 'overdue', 'overdue_long', 'escalated'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/**
 * One rung of the escalation ladder. `at` is measured in the task's own allowed time (due − opened)
 * from its due time: −0.25 is when a quarter of the time is left, 0.5 is overdue by half as long again.
 */
export interface EscalationRung {
  level: AlertLevel;
  at: number;
  /** Who is told: the agency that owes the step, and from `overdue` on the lead agency too. */
  notify: ReadonlyArray<'owner' | 'lead'>;
  label: { vi: string; en: string };
}

export interface WorkflowPolicy {
  version: string;
  escalation: readonly EscalationRung[];
  steps: {
    forward: DeadlineRule;
    verification: DeadlineRule;
    emergencyIntervention: DeadlineRule;
    specificAssessment: DeadlineRule;
    planDrafting: DeadlineRule;
    planApproval: DeadlineRule;
    followUpReview: DeadlineRule;
    closureDecision: DeadlineRule;
  };
  referrals: Record<ReferralKind, ReferralPolicy>;
  /** Labour inspection of an agricultural employer goes to the agriculture office. */
  agricultureInspectionTo: readonly AgencyType[];
}

export const POLICY_V1: WorkflowPolicy = {
  version: '2026.1',
  escalation: [
    { level: 'due_soon', at: -0.25, notify: ['owner'], label: { vi: 'Sắp đến hạn', en: 'Due soon' } },
    { level: 'overdue', at: 0, notify: ['owner', 'lead'], label: { vi: 'Quá hạn', en: 'Overdue' } },
    { level: 'overdue_long', at: 0.5, notify: ['owner', 'lead'], label: { vi: 'Quá hạn kéo dài', en: 'Long overdue' } },
    {
      level: 'escalated',
      at: 1,
      notify: ['owner', 'lead'],
      label: { vi: 'Báo cáo lãnh đạo cơ quan chủ trì', en: 'Escalated to the head of the lead agency' },
    },
  ],
  steps: {
    forward: { hours: 2, from: 'receipt', basis: 'Nghị định 56/2017 Đ.25(3), 26(1) — policy' },
    verification: { hours: 12, from: 'receipt', basis: 'Nghị định 56/2017 Đ.25(2), 26(2) — policy' },
    emergencyIntervention: { hours: 12, from: 'receipt', basis: 'Nghị định 56/2017 Đ.26(3), 31, 32' },
    specificAssessment: { workingDays: 3, from: 'stepStarted', basis: 'Nghị định 56/2017 Đ.27 — policy' },
    planDrafting: { workingDays: 5, from: 'stepStarted', basis: 'Nghị định 56/2017 Đ.28(1)–(2)' },
    planApproval: { workingDays: 2, from: 'stepStarted', basis: 'Nghị định 56/2017 Đ.28 — policy' },
    followUpReview: { hours: 30 * 24, from: 'stepStarted', basis: 'Nghị định 56/2017 Đ.30 — policy' },
    closureDecision: { workingDays: 5, from: 'stepStarted', basis: 'Nghị định 56/2017 Đ.30 — policy' },
  },
  referrals: {
    police: {
      to: ['POLICE'],
      accept: { hours: 24, from: 'stepStarted', basis: 'policy' },
      complete: { hours: 3 * 24, from: 'stepStarted', basis: 'Luật 53/2024/QH15 Đ.27' },
      label: { vi: 'Công an', en: 'Police' },
    },
    education: {
      to: ['EDUCATION'],
      accept: { workingDays: 2, from: 'stepStarted', basis: 'policy' },
      complete: { workingDays: 15, from: 'stepStarted', basis: 'policy' },
      label: { vi: 'Giáo dục', en: 'Education' },
    },
    health: {
      to: ['HEALTH'],
      accept: { hours: 24, from: 'stepStarted', basis: 'policy' },
      complete: { workingDays: 3, from: 'stepStarted', basis: 'policy' },
      label: { vi: 'Y tế', en: 'Health' },
    },
    socialSupport: {
      to: ['CULTURE_SOCIAL', 'LABOUR_SOCIAL'],
      accept: { workingDays: 2, from: 'stepStarted', basis: 'policy' },
      complete: { workingDays: 10, from: 'stepStarted', basis: 'policy' },
      label: { vi: 'Trợ giúp xã hội', en: 'Social support' },
    },
    labourInspection: {
      to: ['LABOUR_SOCIAL', 'CULTURE_SOCIAL'],
      accept: { workingDays: 2, from: 'stepStarted', basis: 'policy' },
      complete: { workingDays: 10, from: 'stepStarted', basis: 'Nghị định 12/2022 — policy' },
      label: { vi: 'Thanh tra lao động', en: 'Labour inspection' },
    },
    shelter: {
      to: ['SOCIAL_WORK_CENTRE'],
      accept: { hours: 12, from: 'referralOpened', basis: 'Nghị định 56/2017 Đ.32' },
      complete: { hours: 12, from: 'referralOpened', basis: 'Nghị định 56/2017 Đ.32' },
      label: { vi: 'Nơi tạm lánh', en: 'Shelter' },
    },
  },
  agricultureInspectionTo: ['AGRICULTURE', 'LABOUR_SOCIAL'],
};

export const CURRENT_POLICY = POLICY_V1;
