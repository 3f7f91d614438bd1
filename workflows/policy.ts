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

/**
 * Where a deadline is counted from: the report's receipt, the step's start, or the referral's own
 * clock (its opening; for a shelter opened in the emergency, the receipt).
 */
export type Anchor = 'receipt' | 'stepStarted' | 'referralClock';

/**
 * Hours run on the clock, nights and holidays included; working days follow the calendar; days and
 * months count as the Criminal Procedure Code art. 134 does: a period ends at 24:00 of its last day,
 * and with `nextWorkingDay` a last day off moves to the next working day.
 */
export type DeadlineRule =
  | { hours: number; from: Anchor; basis: string }
  | { workingDays: number; from: Anchor; basis: string }
  | { days: number; from: Anchor; basis: string; nextWorkingDay?: boolean }
  | { months: number; from: Anchor; basis: string };

/** How far a deadline may be extended, counted like a deadline; the extension names its new last day. */
export type ExtensionLimit = { days: number; from: Anchor; basis: string } | { months: number; from: Anchor; basis: string };

export interface Label {
  vi: string;
  en: string;
}

export interface ReferralPolicy {
  /** Agency types that take this referral, in order of preference within the case's area. */
  to: readonly AgencyType[];
  accept: DeadlineRule;
  complete: DeadlineRule;
  label: Label;
  /** What the agency does once it has accepted, as its inbox names the step. */
  work: Label;
  /** Opened before the plan when the facts call for it, in the emergency: its clock runs from receipt. */
  urgentFromReceipt: boolean;
  /** The completion's deadline may be extended (by whom the law says), up to this limit. */
  extension?: ExtensionLimit;
  /** The results a completion must name, when the law fixes them. */
  results?: Readonly<Record<string, Label & { basis: string }>>;
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
  /**
   * Who is told: the agency that owes the step, the lead agency of the area, and the province's
   * coordinating body (each province's reporting chain says which bodies those are).
   */
  notify: ReadonlyArray<'owner' | 'lead' | 'coordinator'>;
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
    separation: DeadlineRule;
  };
  /** How far the temporary separation may be extended. */
  separationExtension: ExtensionLimit;
  referrals: Record<ReferralKind, ReferralPolicy>;
  /** Labour inspection of an agricultural employer goes to the agriculture office. */
  agricultureInspectionTo: readonly AgencyType[];
}

const ESCALATION: readonly EscalationRung[] = [
  { level: 'due_soon', at: -0.25, notify: ['owner'], label: { vi: 'Sắp đến hạn', en: 'Due soon' } },
  { level: 'overdue', at: 0, notify: ['owner', 'lead'], label: { vi: 'Quá hạn', en: 'Overdue' } },
  { level: 'overdue_long', at: 0.5, notify: ['owner', 'lead'], label: { vi: 'Quá hạn kéo dài', en: 'Long overdue' } },
  {
    level: 'escalated',
    at: 1,
    notify: ['owner', 'lead'],
    label: { vi: 'Báo cáo lãnh đạo cơ quan chủ trì', en: 'Escalated to the head of the lead agency' },
  },
];

const IN_PROGRESS: Label = { vi: 'Đã tiếp nhận, đang thực hiện', en: 'Accepted, in progress' };

const SEPARATION = {
  separation: { days: 15, from: 'stepStarted', basis: 'Nghị định 56/2017 Đ.32; Luật Trẻ em 2016 Đ.51' },
  extension: { days: 30, from: 'stepStarted', basis: 'policy' },
} as const;

/** Version 1 as it planned the tasks still open under it; never changed once shipped. */
export const POLICY_V1: WorkflowPolicy = {
  version: '2026.1',
  escalation: ESCALATION,
  steps: {
    forward: { hours: 2, from: 'receipt', basis: 'Nghị định 56/2017 Đ.25(3), 26(1) — policy' },
    verification: { hours: 12, from: 'receipt', basis: 'Nghị định 56/2017 Đ.25(2), 26(2) — policy' },
    emergencyIntervention: { hours: 12, from: 'receipt', basis: 'Nghị định 56/2017 Đ.26(3), 31, 32' },
    specificAssessment: { workingDays: 3, from: 'stepStarted', basis: 'Nghị định 56/2017 Đ.27 — policy' },
    planDrafting: { workingDays: 5, from: 'stepStarted', basis: 'Nghị định 56/2017 Đ.28(1)–(2)' },
    planApproval: { workingDays: 2, from: 'stepStarted', basis: 'Nghị định 56/2017 Đ.28 — policy' },
    followUpReview: { hours: 30 * 24, from: 'stepStarted', basis: 'Nghị định 56/2017 Đ.30 — policy' },
    closureDecision: { workingDays: 5, from: 'stepStarted', basis: 'Nghị định 56/2017 Đ.30 — policy' },
    separation: SEPARATION.separation,
  },
  separationExtension: SEPARATION.extension,
  referrals: {
    police: {
      to: ['POLICE'],
      accept: { hours: 24, from: 'stepStarted', basis: 'policy' },
      complete: { hours: 3 * 24, from: 'stepStarted', basis: 'Luật 53/2024/QH15 Đ.27' },
      label: { vi: 'Công an', en: 'Police' },
      work: IN_PROGRESS,
      urgentFromReceipt: false,
    },
    education: {
      to: ['EDUCATION'],
      accept: { workingDays: 2, from: 'stepStarted', basis: 'policy' },
      complete: { workingDays: 15, from: 'stepStarted', basis: 'policy' },
      label: { vi: 'Giáo dục', en: 'Education' },
      work: IN_PROGRESS,
      urgentFromReceipt: false,
    },
    health: {
      to: ['HEALTH'],
      accept: { hours: 24, from: 'stepStarted', basis: 'policy' },
      complete: { workingDays: 3, from: 'stepStarted', basis: 'policy' },
      label: { vi: 'Y tế', en: 'Health' },
      work: IN_PROGRESS,
      urgentFromReceipt: false,
    },
    socialSupport: {
      to: ['CULTURE_SOCIAL', 'LABOUR_SOCIAL'],
      accept: { workingDays: 2, from: 'stepStarted', basis: 'policy' },
      complete: { workingDays: 10, from: 'stepStarted', basis: 'policy' },
      label: { vi: 'Trợ giúp xã hội', en: 'Social support' },
      work: IN_PROGRESS,
      urgentFromReceipt: false,
    },
    labourInspection: {
      to: ['LABOUR_SOCIAL', 'CULTURE_SOCIAL'],
      accept: { workingDays: 2, from: 'stepStarted', basis: 'policy' },
      complete: { workingDays: 10, from: 'stepStarted', basis: 'Nghị định 12/2022 — policy' },
      label: { vi: 'Thanh tra lao động', en: 'Labour inspection' },
      work: IN_PROGRESS,
      urgentFromReceipt: false,
    },
    shelter: {
      to: ['SOCIAL_WORK_CENTRE'],
      accept: { hours: 12, from: 'referralClock', basis: 'Nghị định 56/2017 Đ.32' },
      complete: { hours: 12, from: 'referralClock', basis: 'Nghị định 56/2017 Đ.32' },
      label: { vi: 'Nơi tạm lánh', en: 'Shelter' },
      work: IN_PROGRESS,
      urgentFromReceipt: false,
    },
  },
  agricultureInspectionTo: ['AGRICULTURE', 'LABOUR_SOCIAL'],
};

/**
 * Version 2: the police are told of a crime report at once and owe an acknowledgement and the
 * decision of the Criminal Procedure Code art. 147; the shelter and the emergency share the 12-hour
 * clock from receipt; the temporary separation has its own 15-day limit.
 */
export const POLICY_V2: WorkflowPolicy = {
  ...POLICY_V1,
  version: '2026.2',
  referrals: {
    ...POLICY_V1.referrals,
    police: {
      to: ['POLICE'],
      accept: { hours: 24, from: 'stepStarted', basis: 'Luật 53/2024/QH15 Đ.22(2) — policy' },
      // 20 days from the police's receipt of the report; art. 147(2) allows 2 months for a complex
      // report and the procuracy one further extension of at most 2 months.
      complete: { days: 20, from: 'referralClock', basis: 'Bộ luật Tố tụng hình sự 2015 Đ.147(1), Đ.134', nextWorkingDay: true },
      extension: { months: 4, from: 'referralClock', basis: 'Bộ luật Tố tụng hình sự 2015 Đ.147(2)' },
      label: { vi: 'Công an', en: 'Police' },
      work: { vi: 'Kiểm tra, xác minh tin báo, chờ quyết định khởi tố', en: 'Verifying the crime report; prosecution decision due' },
      urgentFromReceipt: false,
      results: {
        prosecution_opened: { vi: 'Quyết định khởi tố vụ án hình sự', en: 'Criminal proceedings opened', basis: 'BLTTHS 2015 Đ.147(1)(a)' },
        prosecution_not_opened: { vi: 'Quyết định không khởi tố vụ án hình sự', en: 'No criminal proceedings', basis: 'BLTTHS 2015 Đ.147(1)(b)' },
        suspended: { vi: 'Tạm đình chỉ giải quyết nguồn tin', en: 'Handling of the report suspended', basis: 'BLTTHS 2015 Đ.147(1)(c)' },
        transferred: { vi: 'Chuyển nguồn tin cho cơ quan có thẩm quyền', en: 'Report transferred to the competent body', basis: 'BLTTHS 2015 Đ.145(3)' },
      },
    },
    shelter: {
      ...POLICY_V1.referrals.shelter,
      work: { vi: 'Đã tiếp nhận, đưa trẻ đến nơi an toàn', en: 'Accepted, placing the child in safety' },
      urgentFromReceipt: true,
    },
  },
};

/**
 * Version 3: since the two-tier reorganisation there is no district between the commune and the
 * province, so the last rung goes up to the province's coordinating body (Sở Y tế by default).
 */
export const POLICY_V3: WorkflowPolicy = {
  ...POLICY_V2,
  version: '2026.3',
  escalation: [
    ...ESCALATION.filter((rung) => rung.level !== 'escalated'),
    {
      level: 'escalated',
      at: 1,
      notify: ['owner', 'lead', 'coordinator'],
      label: { vi: 'Báo cáo cơ quan điều phối cấp tỉnh', en: 'Escalated to the province’s coordinating body' },
    },
  ],
};

/**
 * Version 4: the education referral names what became of the child's schooling, so that the
 * periodic reports can count the children back in school or vocational training.
 */
export const POLICY_V4: WorkflowPolicy = {
  ...POLICY_V3,
  version: '2026.4',
  referrals: {
    ...POLICY_V3.referrals,
    education: {
      ...POLICY_V3.referrals.education,
      results: {
        returned_to_school: { vi: 'Trở lại học văn hóa', en: 'Back in general education', basis: 'Kế hoạch: trẻ em được tiếp cận giáo dục phổ thông' },
        vocational_training: { vi: 'Học nghề phù hợp', en: 'In suitable vocational training', basis: 'Kế hoạch: trẻ em được học nghề phù hợp' },
        not_enrolled: { vi: 'Chưa trở lại học', en: 'Not yet back in school or training', basis: 'Kế hoạch: theo dõi việc đi học' },
      },
    },
  },
};

/** Every policy a stored task may have been planned by, keyed by version. */
export const POLICIES: ReadonlyMap<string, WorkflowPolicy> = new Map([POLICY_V1, POLICY_V2, POLICY_V3, POLICY_V4].map((policy) => [policy.version, policy]));

export const CURRENT_POLICY = POLICY_V4;

/** The policy that planned a task; an unknown version (a newer instance's) falls back to the current one. */
export function policyOf(version: string): WorkflowPolicy {
  return POLICIES.get(version) ?? CURRENT_POLICY;
}

/**
 * When a new report looks like a child already on a case (*policy*): at "likely" the operator must
 * link it to that case or confirm it is another child before the case opens; at "possible" the
 * candidate is shown and nothing waits. Nothing is ever merged by itself.
 */
export const DUPLICATE_THRESHOLDS = { likely: 0.85, possible: 0.65, basis: 'policy' } as const;
