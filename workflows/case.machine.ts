/**
 * The procedure of Decree 56/2017/NĐ-CP chapter IV for a reported child, as a statechart.
 *
 * Read it top to bottom as the process document. While a case is open, the commune's procedure runs
 * beside one region per referral and one for a temporary separation: the police hear of a crime
 * report the moment intake or verification records it, the shelter of a separation during the
 * emergency, and follow-up visits go on while the referrals are carried out. Each state's
 * `meta.label` names it in Vietnamese and English, and every step that waits on a person declares in
 * `meta.task` who owes it, what they must do and which deadline of the policy table applies; its
 * `openTask`/`closeTask` markers are added from that declaration. The machine is pure: the engine
 * computes each step with XState's `transition()` and carries out the markers itself.
 */
import { and, assign, setup, stateIn } from 'xstate';
import { addPeriod, localDate } from './calendar';
import { ChildWork, Classification, classifyChildWork } from './child-labour';
import {
  AgencyType,
  CURRENT_POLICY,
  ExtensionLimit,
  Label,
  REFERRAL_KINDS,
  ReferralKind,
  Role,
  WorkflowPolicy,
} from './policy';

export type { Label } from './policy';

export const CASE_MACHINE_ID = 'childProtectionCase';
/** Bump on any change that alters stored snapshots, with a migration from the previous version. */
export const CASE_MACHINE_VERSION = 2;

export type Category = 'abused' | 'at_risk' | 'special_circumstances';

/** What intake, verification and assessment found; each sign decides a referral (process.md, step 8). */
export interface Findings {
  traffickingSigns?: boolean;
  exploitationSigns?: boolean;
  forcedLabour?: boolean;
  outOfSchool?: boolean;
  dropOutRisk?: boolean;
  harm?: boolean;
  poorHousehold?: boolean;
  noCaregiver?: boolean;
  employerInvolved?: boolean;
  employerSector?: 'agriculture' | 'industry' | 'services' | 'household';
  separationNeeded?: boolean;
}

export interface ReferralDecline {
  reason: string;
  at: string;
  agencyId: string | null;
}

export interface Referral {
  /** Agency types that may take it, preferred first; the engine routes to the one in the case's area. */
  to: AgencyType[];
  /** Set when the lead agency reassigns the referral to one named agency. */
  agencyId: string | null;
  openedAt: string;
  /** Where its deadlines count from: its opening, or the receipt for a shelter opened in the emergency. */
  clockFrom: string;
  declines: ReferralDecline[];
  outcome: string | null;
  /** The result the law makes the agency name (the police's art. 147 decision). */
  result: string | null;
  /** The last day of an extended completion deadline, local date `YYYY-MM-DD`. */
  extendedUntil: string | null;
}

/** Temporary separation of the child from a harmful environment (Decree 56 art. 32). */
export interface Separation {
  since: string;
  extendedUntil: string | null;
  endedAt: string | null;
}

export interface CaseContext {
  /** Start of the hour clocks (12-hour verification); a reopening starts them again. */
  receivedAt: string;
  childAgeYears: number | null;
  category: Category;
  classification: Classification | null;
  findings: Findings;
  additionalReferrals: ReferralKind[];
  referrals: Partial<Record<ReferralKind, Referral>>;
  separation: Separation | null;
  reviews: number;
  closure: { reason: 'unfounded' | 'resolved'; at: string } | null;
  reopenings: number;
}

export interface CaseInput {
  receivedAt: string;
  childAgeYears: number | null;
  category: Category;
  work: ChildWork | null;
  findings: Findings;
}

/** The needs meeting of a specific assessment (Mẫu số 03): with the parents and the bodies responsible, minuted. */
export interface NeedsMeeting {
  /** Local date `YYYY-MM-DD`. */
  heldOn: string;
  participants: string;
  minutes: string;
}

/** One measure of a support and intervention plan (Mẫu số 04): what is done, by whom, by when. */
export interface PlanMeasure {
  measure: string;
  responsible: string;
  /** Local date `YYYY-MM-DD`. */
  by: string;
}

/** Every event is stamped by the engine with the server's time; payloads never set it. */
interface Stamped {
  at: string;
}

export type CaseEvent = Stamped &
  (
    | { type: 'FORWARDED' }
    // Mẫu số 02: what was verified, with whom, and the risk found, beside the decisions it leads to.
    | { type: 'VERIFICATION_COMPLETED'; founded: boolean; emergency: boolean; findings: Findings; work?: ChildWork; notes?: string }
    | { type: 'EMERGENCY_MEASURES_TAKEN'; separated: boolean; measures: string }
    | { type: 'ASSESSMENT_COMPLETED'; findings: Findings; needs?: string; meeting?: NeedsMeeting }
    | { type: 'PLAN_DRAFTED'; additionalReferrals: ReferralKind[]; goals?: string; measures?: PlanMeasure[] }
    // The approval decision (Mẫu số 05): its number and date, as the chair signed it.
    | { type: 'PLAN_APPROVED'; decisionNumber?: string; decidedOn?: string }
    | { type: 'PLAN_RETURNED'; reason: string }
    | { type: 'REFERRAL_ACCEPTED'; referral: ReferralKind }
    | { type: 'REFERRAL_DECLINED'; referral: ReferralKind; reason: string; agencyId: string | null }
    | { type: 'REFERRAL_REASSIGNED'; referral: ReferralKind; agencyId: string }
    | { type: 'REFERRAL_EXTENDED'; referral: ReferralKind; until: string; reason: string }
    | { type: 'REFERRAL_COMPLETED'; referral: ReferralKind; outcome: string; result?: string }
    | { type: 'SEPARATION_EXTENDED'; until: string; reason: string }
    | { type: 'SEPARATION_ENDED'; notes: string }
    | { type: 'REVIEW_RECORDED'; stable: boolean; notes: string }
    | { type: 'CLOSURE_PROPOSED'; reason: string }
    | { type: 'NEW_PLAN_REQUIRED'; reason: string }
    | { type: 'CLOSURE_APPROVED' }
    | { type: 'CLOSURE_REJECTED'; reason: string }
    | { type: 'REOPENED'; reason: string }
  );

export type CaseEventType = CaseEvent['type'];

/**
 * Who owes a waiting step: fixed agency types, the agency a referral went to, the receiving body, or
 * the lead agency of the case's area (which body that is, each province configures: its reporting chain).
 */
export type TaskOwner =
  | { agencies: readonly AgencyType[] }
  | { referral: ReferralKind }
  | { receivingAgency: true }
  | { lead: true };

export type TaskAction =
  | 'forward'
  | 'verify'
  | 'intervene'
  | 'assess'
  | 'draft_plan'
  | 'approve_plan'
  | 'accept_referral'
  | 'reassign_referral'
  | 'complete_referral'
  | 'end_separation'
  | 'review'
  | 'decide_closure';

/** Which rule of the policy table sets the due time. */
export type DeadlineRef =
  | { step: keyof WorkflowPolicy['steps'] }
  | { referral: ReferralKind; phase: 'accept' | 'complete'; from?: 'referralClock' };

export interface TaskMeta {
  owner: TaskOwner;
  role: Role;
  action: TaskAction;
  deadline: DeadlineRef;
  /** The event a "complete" or "accept" on the task sends; "decline" always sends REFERRAL_DECLINED. */
  completes: CaseEventType;
  /** The event an "extend" on the task sends, where the step's deadline may be extended. */
  extendedBy?: CaseEventType;
}

export interface StateMeta {
  label: Label;
  task?: TaskMeta;
  /** The referral this region's step belongs to. */
  referral?: ReferralKind;
}

const COMMUNE: readonly AgencyType[] = ['COMMUNE_PC'];

/** Signs of a crime the police must hear of at once (Law 53/2024 art. 22(2); process.md step 2). */
export function crimeSigns(context: Pick<CaseContext, 'findings' | 'classification'>): boolean {
  const f = context.findings;
  return Boolean(f.traffickingSigns || f.exploitationSigns || f.forcedLabour || context.classification?.policeReferral);
}

/** The referrals the findings call for, plus those the plan adds; police cannot be left out when required. */
export function requiredReferrals(context: CaseContext): ReferralKind[] {
  const f = context.findings;
  const schoolAge = context.childAgeYears !== null && context.childAgeYears >= 6 && context.childAgeYears < 18;
  const childLabourer = context.classification?.verdict === 'unlawful';
  const required: Record<ReferralKind, boolean> = {
    police: crimeSigns(context),
    education: Boolean(f.outOfSchool || f.dropOutRisk || (childLabourer && schoolAge)),
    health: Boolean(f.harm),
    socialSupport: Boolean(f.poorHousehold || f.noCaregiver),
    labourInspection: Boolean(f.employerInvolved),
    shelter: Boolean(f.separationNeeded),
  };
  return REFERRAL_KINDS.filter((kind) => required[kind] || context.additionalReferrals.includes(kind));
}

/** The referrals that may not wait for the plan: a crime report, and a shelter for a separated child. */
function urgentReferrals(context: CaseContext, emergency: boolean): ReferralKind[] {
  return [
    ...(crimeSigns(context) ? (['police'] as const) : []),
    ...(emergency && context.findings.separationNeeded ? (['shelter'] as const) : []),
  ];
}

/** Opens the referrals not opened yet; one already open (the police told at once) is taken over as it is. */
function withReferrals(context: CaseContext, kinds: readonly ReferralKind[], at: string, urgent: boolean, policy: WorkflowPolicy): CaseContext['referrals'] {
  const referrals = { ...context.referrals };
  for (const kind of kinds) {
    if (referrals[kind]) continue;
    const to =
      kind === 'labourInspection' && context.findings.employerSector === 'agriculture'
        ? policy.agricultureInspectionTo
        : policy.referrals[kind].to;
    const clockFrom = urgent && policy.referrals[kind].urgentFromReceipt ? context.receivedAt : at;
    referrals[kind] = { to: [...to], agencyId: null, openedAt: at, clockFrom, declines: [], outcome: null, result: null, extendedUntil: null };
  }
  return referrals;
}

function updateReferral(context: CaseContext, kind: ReferralKind, change: Partial<Referral>): CaseContext['referrals'] {
  const current = context.referrals[kind];
  if (!current) return context.referrals;
  return { ...context.referrals, [kind]: { ...current, ...change } };
}

/** A referral whose results the law fixes must name one of them, and any other names none. */
export function acceptsResult(referral: ReferralKind, result: string | undefined): boolean {
  const results = CURRENT_POLICY.referrals[referral].results;
  return results ? result !== undefined && result in results : result === undefined;
}

/** Every opened referral has its outcome: the case may be closed. */
export function referralsSettled(context: CaseContext): boolean {
  return Object.values(context.referrals).every((referral) => referral.outcome !== null);
}

/** The last day an extension may name: the limit counted from the step's anchor. */
export function extensionLimit(limit: ExtensionLimit, anchor: string): string {
  return addPeriod(localDate(new Date(anchor)), limit);
}

/** The days an extension sent at `at` may name, from today to the policy's limit; null where none is allowed. */
export function extensionWindow(context: CaseContext, event: CaseEvent): { earliest: string; latest: string } | null {
  const [anchor, limit] =
    event.type === 'REFERRAL_EXTENDED'
      ? [context.referrals[event.referral]?.clockFrom, CURRENT_POLICY.referrals[event.referral].extension]
      : event.type === 'SEPARATION_EXTENDED'
        ? [context.separation?.since, CURRENT_POLICY.separationExtension]
        : [undefined, undefined];
  return anchor && limit ? { earliest: localDate(new Date(event.at)), latest: extensionLimit(limit, anchor) } : null;
}

function validExtension(context: CaseContext, event: CaseEvent & { until: string }): boolean {
  const window = extensionWindow(context, event);
  return window !== null && event.until >= window.earliest && event.until <= window.latest;
}

/** One referral's region: built from the referral list and the policy table, never by hand. */
function referralRegion(kind: ReferralKind) {
  const policy = CURRENT_POLICY.referrals[kind];
  const forThis = { type: 'isForReferral', params: { referral: kind } } as const;
  return {
    initial: 'idle',
    meta: { label: policy.label, referral: kind } satisfies StateMeta,
    states: {
      idle: {
        meta: { label: { vi: 'Chưa chuyển gửi', en: 'Not referred' }, referral: kind } satisfies StateMeta,
        always: { guard: { type: 'referralOpened', params: { referral: kind } }, target: 'pending' },
      },
      pending: {
        meta: {
          label: { vi: 'Chờ tiếp nhận', en: 'Awaiting acceptance' },
          referral: kind,
          task: {
            owner: { referral: kind },
            role: 'officer',
            action: 'accept_referral',
            deadline: { referral: kind, phase: 'accept' },
            completes: 'REFERRAL_ACCEPTED',
          },
        } satisfies StateMeta,
        on: {
          REFERRAL_ACCEPTED: { guard: forThis, target: 'inProgress' },
          REFERRAL_DECLINED: { guard: forThis, target: 'declined', actions: { type: 'recordDecline', params: { referral: kind } } },
        },
      },
      declined: {
        meta: {
          label: { vi: 'Bị từ chối, chờ cơ quan chủ trì phân công lại', en: 'Declined, awaiting reassignment by the lead agency' },
          referral: kind,
          task: {
            owner: { lead: true },
            role: 'coordinator',
            action: 'reassign_referral',
            // The child still waits: the reassignment is due when the first acceptance was.
            deadline: { referral: kind, phase: 'accept', from: 'referralClock' },
            completes: 'REFERRAL_REASSIGNED',
          },
        } satisfies StateMeta,
        on: {
          REFERRAL_REASSIGNED: { guard: forThis, target: 'pending', actions: { type: 'recordReassignment', params: { referral: kind } } },
        },
      },
      inProgress: {
        meta: {
          label: policy.work,
          referral: kind,
          task: {
            owner: { referral: kind },
            role: 'officer',
            action: 'complete_referral',
            deadline: { referral: kind, phase: 'complete' },
            completes: 'REFERRAL_COMPLETED',
            ...(policy.extension ? { extendedBy: 'REFERRAL_EXTENDED' as const } : {}),
          },
        } satisfies StateMeta,
        on: {
          REFERRAL_COMPLETED: {
            guard: { type: 'namesRequiredResult', params: { referral: kind } },
            target: 'done',
            actions: { type: 'recordOutcome', params: { referral: kind } },
          },
          REFERRAL_EXTENDED: {
            guard: { type: 'referralExtensionAllowed', params: { referral: kind } },
            target: 'inProgress',
            reenter: true,
            actions: { type: 'recordReferralExtension', params: { referral: kind } },
          },
        },
      },
      done: {
        meta: { label: { vi: 'Hoàn thành', en: 'Done' }, referral: kind } satisfies StateMeta,
      },
    },
  } as const;
}

const referralRegions = Object.fromEntries(REFERRAL_KINDS.map((kind) => [kind, referralRegion(kind)])) as {
  [K in ReferralKind]: ReturnType<typeof referralRegion>;
};

interface StateNodeConfigLike {
  meta?: StateMeta;
  states?: Record<string, StateNodeConfigLike>;
  entry?: unknown;
  exit?: unknown;
}

/**
 * Every state that declares a task in `meta.task` opens it on entry and closes it on exit: the
 * markers are derived from the declaration so that no step can have one without the other.
 */
function withTaskMarkers<T>(states: T, prefix = ''): T {
  return Object.fromEntries(
    Object.entries(states as Record<string, StateNodeConfigLike>).map(([key, state]) => {
      const step = `${prefix}${key}`;
      const marked: StateNodeConfigLike = { ...state };
      if (state.states) marked.states = withTaskMarkers(state.states, `${step}.`);
      if (state.meta?.task) {
        marked.entry = { type: 'openTask', params: { step } };
        marked.exit = { type: 'closeTask', params: { step } };
      }
      return [key, marked];
    }),
  ) as T;
}

export const caseMachine = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseInput,
    meta: {} as StateMeta,
  },
  actions: {
    // Markers: the engine turns them into inbox tasks inside the same database transaction.
    openTask: (_, _params: { step: string }) => undefined,
    closeTask: (_, _params: { step: string }) => undefined,
    recordVerification: assign(({ context, event }) => {
      if (event.type !== 'VERIFICATION_COMPLETED') return {};
      return {
        findings: { ...context.findings, ...event.findings },
        classification: event.work ? classifyChildWork(event.work) : context.classification,
        childAgeYears: event.work ? event.work.ageYears : context.childAgeYears,
      };
    }),
    openUrgentReferrals: assign(({ context, event }) => {
      const emergency = event.type === 'VERIFICATION_COMPLETED' ? event.emergency : event.type === 'EMERGENCY_MEASURES_TAKEN';
      return { referrals: withReferrals(context, urgentReferrals(context, emergency), event.at, true, CURRENT_POLICY) };
    }),
    closeAsUnfounded: assign(({ event }) => ({ closure: { reason: 'unfounded' as const, at: event.at } })),
    recordEmergencyMeasures: assign(({ context, event }) => {
      if (event.type !== 'EMERGENCY_MEASURES_TAKEN' || !event.separated) return {};
      return {
        findings: { ...context.findings, separationNeeded: true },
        separation: { since: event.at, extendedUntil: null, endedAt: null },
      };
    }),
    recordSeparationExtension: assign(({ context, event }) =>
      event.type === 'SEPARATION_EXTENDED' && context.separation ? { separation: { ...context.separation, extendedUntil: event.until } } : {},
    ),
    recordSeparationEnd: assign(({ context, event }) =>
      context.separation ? { separation: { ...context.separation, endedAt: event.at } } : {},
    ),
    recordAssessment: assign(({ context, event }) =>
      event.type === 'ASSESSMENT_COMPLETED' ? { findings: { ...context.findings, ...event.findings } } : {},
    ),
    recordPlan: assign(({ event }) =>
      event.type === 'PLAN_DRAFTED' ? { additionalReferrals: [...event.additionalReferrals] } : {},
    ),
    openPlannedReferrals: assign(({ context, event }) => ({
      referrals: withReferrals(context, requiredReferrals(context), event.at, false, CURRENT_POLICY),
    })),
    recordDecline: assign(({ context, event }, params: { referral: ReferralKind }) => {
      if (event.type !== 'REFERRAL_DECLINED') return {};
      const declines = [...(context.referrals[params.referral]?.declines ?? []), { reason: event.reason, at: event.at, agencyId: event.agencyId }];
      return { referrals: updateReferral(context, params.referral, { declines }) };
    }),
    recordReassignment: assign(({ context, event }, params: { referral: ReferralKind }) =>
      event.type === 'REFERRAL_REASSIGNED' ? { referrals: updateReferral(context, params.referral, { agencyId: event.agencyId }) } : {},
    ),
    recordReferralExtension: assign(({ context, event }, params: { referral: ReferralKind }) =>
      event.type === 'REFERRAL_EXTENDED' ? { referrals: updateReferral(context, params.referral, { extendedUntil: event.until }) } : {},
    ),
    recordOutcome: assign(({ context, event }, params: { referral: ReferralKind }) =>
      event.type === 'REFERRAL_COMPLETED'
        ? { referrals: updateReferral(context, params.referral, { outcome: event.outcome, result: event.result ?? null }) }
        : {},
    ),
    countReview: assign(({ context }) => ({ reviews: context.reviews + 1 })),
    closeAsResolved: assign(({ event }) => ({ closure: { reason: 'resolved' as const, at: event.at } })),
    reopen: assign(({ context, event }) => ({
      closure: null,
      reopenings: context.reopenings + 1,
      receivedAt: event.at,
      referrals: {},
      separation: null,
    })),
  },
  guards: {
    isUnfounded: ({ event }) => event.type === 'VERIFICATION_COMPLETED' && !event.founded,
    needsEmergencyIntervention: ({ event }) => event.type === 'VERIFICATION_COMPLETED' && event.emergency,
    isForReferral: ({ event }, params: { referral: ReferralKind }) => 'referral' in event && event.referral === params.referral,
    referralOpened: ({ context }, params: { referral: ReferralKind }) => context.referrals[params.referral] !== undefined,
    referralsSettled: ({ context }) => referralsSettled(context),
    separationActive: ({ context }) => context.separation !== null && context.separation.endedAt === null,
    namesRequiredResult: ({ event }, params: { referral: ReferralKind }) =>
      event.type === 'REFERRAL_COMPLETED' && event.referral === params.referral && acceptsResult(params.referral, event.result),
    referralExtensionAllowed: ({ context, event }, params: { referral: ReferralKind }) =>
      event.type === 'REFERRAL_EXTENDED' && event.referral === params.referral && validExtension(context, event),
    separationExtensionAllowed: ({ context, event }) => event.type === 'SEPARATION_EXTENDED' && validExtension(context, event),
  },
}).createMachine({
  id: CASE_MACHINE_ID,
  context: ({ input }) => {
    const context: CaseContext = {
      receivedAt: input.receivedAt,
      childAgeYears: input.work ? input.work.ageYears : input.childAgeYears,
      category: input.category,
      classification: input.work ? classifyChildWork(input.work) : null,
      findings: input.findings,
      additionalReferrals: [],
      referrals: {},
      separation: null,
      reviews: 0,
      closure: null,
      reopenings: 0,
    };
    // A crime report reaches the police from intake, beside the commune's verification.
    return { ...context, referrals: withReferrals(context, urgentReferrals(context, false), input.receivedAt, true, CURRENT_POLICY) };
  },
  initial: 'open',
  states: withTaskMarkers({
    open: {
      type: 'parallel',
      meta: { label: { vi: 'Đang xử lý', en: 'Open' } },
      // A report found unfounded waits only for the referrals already under way (a police decision).
      always: {
        guard: and([stateIn('#childProtectionCase.open.procedure.unfounded'), 'referralsSettled']),
        target: 'closed',
        actions: 'closeAsUnfounded',
      },
      states: {
        procedure: {
          initial: 'intake',
          meta: { label: { vi: 'Quy trình của UBND xã', en: 'The commune’s procedure' } },
          states: {
            intake: {
              meta: {
                label: { vi: 'Tiếp nhận thông tin (Mẫu số 01), chờ chuyển UBND xã', en: 'Report recorded (form 01), to forward to the commune' },
                task: {
                  owner: { receivingAgency: true },
                  role: 'operator',
                  action: 'forward',
                  deadline: { step: 'forward' },
                  completes: 'FORWARDED',
                },
              },
              on: { FORWARDED: 'verification' },
            },
            verification: {
              meta: {
                label: { vi: 'Xác minh, đánh giá nguy cơ (Mẫu số 02)', en: 'Verification and risk assessment (form 02)' },
                task: {
                  owner: { agencies: COMMUNE },
                  role: 'officer',
                  action: 'verify',
                  deadline: { step: 'verification' },
                  completes: 'VERIFICATION_COMPLETED',
                },
              },
              on: {
                VERIFICATION_COMPLETED: [
                  { guard: and(['isUnfounded', 'referralsSettled']), target: '#childProtectionCase.closed', actions: ['recordVerification', 'closeAsUnfounded'] },
                  { guard: 'isUnfounded', target: 'unfounded', actions: 'recordVerification' },
                  { guard: 'needsEmergencyIntervention', target: 'emergencyIntervention', actions: ['recordVerification', 'openUrgentReferrals'] },
                  { target: 'specificAssessment', actions: ['recordVerification', 'openUrgentReferrals'] },
                ],
              },
            },
            unfounded: {
              meta: {
                label: {
                  vi: 'Thông tin không có cơ sở; chờ cơ quan đã nhận chuyển gửi kết luận',
                  en: 'Report unfounded; awaiting the referrals already under way',
                },
              },
            },
            emergencyIntervention: {
              meta: {
                label: { vi: 'Can thiệp khẩn cấp', en: 'Emergency intervention' },
                task: {
                  owner: { agencies: COMMUNE },
                  role: 'supervisor',
                  action: 'intervene',
                  deadline: { step: 'emergencyIntervention' },
                  completes: 'EMERGENCY_MEASURES_TAKEN',
                },
              },
              on: {
                EMERGENCY_MEASURES_TAKEN: { target: 'specificAssessment', actions: ['recordEmergencyMeasures', 'openUrgentReferrals'] },
              },
            },
            specificAssessment: {
              meta: {
                label: { vi: 'Đánh giá cụ thể, họp xác định nhu cầu (Mẫu số 03)', en: 'Specific assessment and needs meeting (form 03)' },
                task: {
                  owner: { agencies: COMMUNE },
                  role: 'officer',
                  action: 'assess',
                  deadline: { step: 'specificAssessment' },
                  completes: 'ASSESSMENT_COMPLETED',
                },
              },
              on: { ASSESSMENT_COMPLETED: { target: 'planDrafting', actions: 'recordAssessment' } },
            },
            planDrafting: {
              meta: {
                label: { vi: 'Xây dựng kế hoạch hỗ trợ, can thiệp (Mẫu số 04, 05)', en: 'Support and intervention plan drafted (forms 04, 05)' },
                task: {
                  owner: { agencies: COMMUNE },
                  role: 'officer',
                  action: 'draft_plan',
                  deadline: { step: 'planDrafting' },
                  completes: 'PLAN_DRAFTED',
                },
              },
              on: { PLAN_DRAFTED: { target: 'planApproval', actions: 'recordPlan' } },
            },
            planApproval: {
              meta: {
                label: { vi: 'Chủ tịch UBND xã phê duyệt kế hoạch', en: 'Plan approval by the commune chair' },
                task: {
                  owner: { agencies: COMMUNE },
                  role: 'supervisor',
                  action: 'approve_plan',
                  deadline: { step: 'planApproval' },
                  completes: 'PLAN_APPROVED',
                },
              },
              on: {
                // The referrals the plan calls for open beside the follow-up; those already open carry on.
                PLAN_APPROVED: { target: 'followUp', actions: 'openPlannedReferrals' },
                PLAN_RETURNED: 'planDrafting',
              },
            },
            followUp: {
              meta: {
                label: { vi: 'Thực hiện kế hoạch, theo dõi, đánh giá định kỳ', en: 'Plan under way: follow-up and periodic review' },
                task: {
                  owner: { agencies: COMMUNE },
                  role: 'officer',
                  action: 'review',
                  deadline: { step: 'followUpReview' },
                  completes: 'REVIEW_RECORDED',
                },
              },
              on: {
                // Each review starts the next review period: the step is left and entered again.
                REVIEW_RECORDED: { target: 'followUp', reenter: true, actions: 'countReview' },
                CLOSURE_PROPOSED: { guard: 'referralsSettled', target: 'closureProposed' },
                NEW_PLAN_REQUIRED: 'planDrafting',
              },
            },
            closureProposed: {
              meta: {
                label: { vi: 'Đề xuất đóng hồ sơ (Mẫu số 06), chờ quyết định', en: 'Closure proposed (form 06), awaiting decision' },
                task: {
                  owner: { agencies: COMMUNE },
                  role: 'supervisor',
                  action: 'decide_closure',
                  deadline: { step: 'closureDecision' },
                  completes: 'CLOSURE_APPROVED',
                },
              },
              on: {
                CLOSURE_APPROVED: { target: '#childProtectionCase.closed', actions: 'closeAsResolved' },
                CLOSURE_REJECTED: 'followUp',
              },
            },
          },
        },
        ...referralRegions,
        separation: {
          initial: 'none',
          meta: { label: { vi: 'Tạm thời cách ly trẻ', en: 'Temporary separation' } },
          states: {
            none: {
              meta: { label: { vi: 'Không cách ly', en: 'Not separated' } },
              always: { guard: 'separationActive', target: 'separated' },
            },
            separated: {
              meta: {
                label: { vi: 'Đang tạm thời cách ly: quyết định chấm dứt trước thời hạn 15 ngày', en: 'Separated: end it within the 15-day limit' },
                task: {
                  owner: { agencies: COMMUNE },
                  role: 'supervisor',
                  action: 'end_separation',
                  deadline: { step: 'separation' },
                  completes: 'SEPARATION_ENDED',
                  extendedBy: 'SEPARATION_EXTENDED',
                },
              },
              on: {
                SEPARATION_ENDED: { target: 'ended', actions: 'recordSeparationEnd' },
                SEPARATION_EXTENDED: {
                  guard: 'separationExtensionAllowed',
                  target: 'separated',
                  reenter: true,
                  actions: 'recordSeparationExtension',
                },
              },
            },
            ended: {
              meta: { label: { vi: 'Đã chấm dứt cách ly', en: 'Separation ended' } },
            },
          },
        },
      },
    },
    closed: {
      meta: { label: { vi: 'Đã đóng hồ sơ', en: 'Closed' } },
      on: { REOPENED: { target: '#childProtectionCase.open.procedure.verification', actions: 'reopen' } },
    },
  }),
});
