/**
 * The procedure of Decree 56/2017/NĐ-CP chapter IV for a reported child, as a statechart.
 *
 * Read it top to bottom as the process document: each state is a step, `meta.label` names it in
 * Vietnamese and English, and every step that waits on a person declares in `meta.task` who owes it,
 * what they must do and which deadline of the policy table applies. The machine is pure: the engine
 * computes each step with XState's `transition()` and carries out `openTask`/`closeTask` itself.
 */
import { assign, setup } from 'xstate';
import { ChildWork, Classification, classifyChildWork } from './child-labour';
import { AgencyType, Anchor, LEAD_AGENCY_TYPES, REFERRAL_KINDS, ReferralKind, Role, WorkflowPolicy, CURRENT_POLICY } from './policy';

export const CASE_MACHINE_ID = 'childProtectionCase';
/** Bump on any change that alters stored snapshots; keep the old definition reachable. */
export const CASE_MACHINE_VERSION = 1;

export interface Label {
  vi: string;
  en: string;
}

export type Category = 'abused' | 'at_risk' | 'special_circumstances';

/** What verification and assessment found; each sign decides a referral (process.md, step 8). */
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
  declines: ReferralDecline[];
  outcome: string | null;
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

/** Every event is stamped by the engine with the server's time; payloads never set it. */
interface Stamped {
  at: string;
}

export type CaseEvent = Stamped &
  (
    | { type: 'FORWARDED' }
    | { type: 'VERIFICATION_COMPLETED'; founded: boolean; emergency: boolean; findings: Findings; work?: ChildWork }
    | { type: 'EMERGENCY_MEASURES_TAKEN'; separated: boolean; measures: string }
    | { type: 'ASSESSMENT_COMPLETED'; findings: Findings }
    | { type: 'PLAN_DRAFTED'; additionalReferrals: ReferralKind[] }
    | { type: 'PLAN_APPROVED' }
    | { type: 'PLAN_RETURNED'; reason: string }
    | { type: 'REFERRAL_ACCEPTED'; referral: ReferralKind }
    | { type: 'REFERRAL_DECLINED'; referral: ReferralKind; reason: string; agencyId: string | null }
    | { type: 'REFERRAL_REASSIGNED'; referral: ReferralKind; agencyId: string }
    | { type: 'REFERRAL_COMPLETED'; referral: ReferralKind; outcome: string }
    | { type: 'REVIEW_RECORDED'; stable: boolean; notes: string }
    | { type: 'CLOSURE_PROPOSED'; reason: string }
    | { type: 'NEW_PLAN_REQUIRED'; reason: string }
    | { type: 'CLOSURE_APPROVED' }
    | { type: 'CLOSURE_REJECTED'; reason: string }
    | { type: 'REOPENED'; reason: string }
  );

export type CaseEventType = CaseEvent['type'];

/** Who owes a waiting step: fixed agency types, the agency a referral went to, or the receiving body. */
export type TaskOwner =
  | { agencies: readonly AgencyType[] }
  | { referral: ReferralKind }
  | { receivingAgency: true };

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
  | 'review'
  | 'decide_closure';

/** Which rule of the policy table sets the due time. */
export type DeadlineRef =
  | { step: keyof WorkflowPolicy['steps'] }
  | { referral: ReferralKind; phase: 'accept' | 'complete'; from?: Anchor };

export interface TaskMeta {
  owner: TaskOwner;
  role: Role;
  action: TaskAction;
  deadline: DeadlineRef;
  /** The event a "complete" or "accept" on the task sends; "decline" always sends REFERRAL_DECLINED. */
  completes: CaseEventType;
}

export interface StateMeta {
  label: Label;
  task?: TaskMeta;
  /** The referral this region's step belongs to. */
  referral?: ReferralKind;
}

const COMMUNE: readonly AgencyType[] = ['COMMUNE_PC'];

/** The referrals the findings call for, plus those the plan adds; police cannot be left out when required. */
export function requiredReferrals(context: CaseContext): ReferralKind[] {
  const f = context.findings;
  const schoolAge = context.childAgeYears !== null && context.childAgeYears >= 6 && context.childAgeYears < 18;
  const childLabourer = context.classification?.verdict === 'unlawful';
  const required: Record<ReferralKind, boolean> = {
    police: Boolean(f.traffickingSigns || f.exploitationSigns || f.forcedLabour || context.classification?.policeReferral),
    education: Boolean(f.outOfSchool || f.dropOutRisk || (childLabourer && schoolAge)),
    health: Boolean(f.harm),
    socialSupport: Boolean(f.poorHousehold || f.noCaregiver),
    labourInspection: Boolean(f.employerInvolved),
    shelter: Boolean(f.separationNeeded),
  };
  return REFERRAL_KINDS.filter((kind) => required[kind] || context.additionalReferrals.includes(kind));
}

function openReferrals(context: CaseContext, at: string, policy: WorkflowPolicy): CaseContext['referrals'] {
  const referrals: CaseContext['referrals'] = {};
  for (const kind of requiredReferrals(context)) {
    const to =
      kind === 'labourInspection' && context.findings.employerSector === 'agriculture'
        ? policy.agricultureInspectionTo
        : policy.referrals[kind].to;
    referrals[kind] = { to: [...to], agencyId: null, openedAt: at, declines: [], outcome: null };
  }
  return referrals;
}

function updateReferral(context: CaseContext, kind: ReferralKind, change: Partial<Referral>): CaseContext['referrals'] {
  const current = context.referrals[kind];
  if (!current) return context.referrals;
  return { ...context.referrals, [kind]: { ...current, ...change } };
}

function referralRegion(kind: ReferralKind) {
  const label = CURRENT_POLICY.referrals[kind].label;
  const forThis = { type: 'isForReferral', params: { referral: kind } } as const;
  return {
    initial: 'deciding',
    meta: { label, referral: kind } satisfies StateMeta,
    states: {
      deciding: {
        meta: { label: { vi: 'Xác định chuyển gửi', en: 'Deciding whether to refer' } } satisfies StateMeta,
        always: [
          { guard: { type: 'referralOpened', params: { referral: kind } }, target: 'pending' },
          { target: 'notRequired' },
        ],
      },
      notRequired: {
        type: 'final',
        meta: { label: { vi: 'Không cần chuyển gửi', en: 'Not needed' } } satisfies StateMeta,
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
        entry: { type: 'openTask', params: { step: `support.${kind}.pending` } },
        exit: { type: 'closeTask', params: { step: `support.${kind}.pending` } },
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
            owner: { agencies: LEAD_AGENCY_TYPES },
            role: 'coordinator',
            action: 'reassign_referral',
            // The child still waits: the reassignment is due when the first acceptance was.
            deadline: { referral: kind, phase: 'accept', from: 'referralOpened' },
            completes: 'REFERRAL_REASSIGNED',
          },
        } satisfies StateMeta,
        entry: { type: 'openTask', params: { step: `support.${kind}.declined` } },
        exit: { type: 'closeTask', params: { step: `support.${kind}.declined` } },
        on: {
          REFERRAL_REASSIGNED: { guard: forThis, target: 'pending', actions: { type: 'recordReassignment', params: { referral: kind } } },
        },
      },
      inProgress: {
        meta: {
          label: { vi: 'Đã tiếp nhận, đang thực hiện', en: 'Accepted, in progress' },
          referral: kind,
          task: {
            owner: { referral: kind },
            role: 'officer',
            action: 'complete_referral',
            deadline: { referral: kind, phase: 'complete' },
            completes: 'REFERRAL_COMPLETED',
          },
        } satisfies StateMeta,
        entry: { type: 'openTask', params: { step: `support.${kind}.inProgress` } },
        exit: { type: 'closeTask', params: { step: `support.${kind}.inProgress` } },
        on: {
          REFERRAL_COMPLETED: { guard: forThis, target: 'done', actions: { type: 'recordOutcome', params: { referral: kind } } },
        },
      },
      done: {
        type: 'final',
        meta: { label: { vi: 'Hoàn thành', en: 'Done' } } satisfies StateMeta,
      },
    },
  } as const;
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
    closeAsUnfounded: assign(({ event }) => ({ closure: { reason: 'unfounded' as const, at: event.at } })),
    recordEmergencyMeasures: assign(({ context, event }) =>
      event.type === 'EMERGENCY_MEASURES_TAKEN'
        ? { findings: { ...context.findings, separationNeeded: context.findings.separationNeeded || event.separated } }
        : {},
    ),
    recordAssessment: assign(({ context, event }) =>
      event.type === 'ASSESSMENT_COMPLETED' ? { findings: { ...context.findings, ...event.findings } } : {},
    ),
    recordPlan: assign(({ event }) =>
      event.type === 'PLAN_DRAFTED' ? { additionalReferrals: [...event.additionalReferrals] } : {},
    ),
    openReferrals: assign(({ context, event }) => ({ referrals: openReferrals(context, event.at, CURRENT_POLICY) })),
    recordDecline: assign(({ context, event }, params: { referral: ReferralKind }) => {
      if (event.type !== 'REFERRAL_DECLINED') return {};
      const declines = [...(context.referrals[params.referral]?.declines ?? []), { reason: event.reason, at: event.at, agencyId: event.agencyId }];
      return { referrals: updateReferral(context, params.referral, { declines }) };
    }),
    recordReassignment: assign(({ context, event }, params: { referral: ReferralKind }) =>
      event.type === 'REFERRAL_REASSIGNED' ? { referrals: updateReferral(context, params.referral, { agencyId: event.agencyId }) } : {},
    ),
    recordOutcome: assign(({ context, event }, params: { referral: ReferralKind }) =>
      event.type === 'REFERRAL_COMPLETED' ? { referrals: updateReferral(context, params.referral, { outcome: event.outcome }) } : {},
    ),
    countReview: assign(({ context }) => ({ reviews: context.reviews + 1 })),
    closeAsResolved: assign(({ event }) => ({ closure: { reason: 'resolved' as const, at: event.at } })),
    reopen: assign(({ context, event }) => ({ closure: null, reopenings: context.reopenings + 1, receivedAt: event.at, referrals: {} })),
  },
  guards: {
    isUnfounded: ({ event }) => event.type === 'VERIFICATION_COMPLETED' && !event.founded,
    needsEmergencyIntervention: ({ event }) => event.type === 'VERIFICATION_COMPLETED' && event.emergency,
    isForReferral: ({ event }, params: { referral: ReferralKind }) => 'referral' in event && event.referral === params.referral,
    referralOpened: ({ context }, params: { referral: ReferralKind }) => context.referrals[params.referral] !== undefined,
    hasReferrals: ({ context }) => requiredReferrals(context).length > 0,
  },
}).createMachine({
  id: CASE_MACHINE_ID,
  context: ({ input }) => ({
    receivedAt: input.receivedAt,
    childAgeYears: input.work ? input.work.ageYears : input.childAgeYears,
    category: input.category,
    classification: input.work ? classifyChildWork(input.work) : null,
    findings: input.findings,
    additionalReferrals: [],
    referrals: {},
    reviews: 0,
    closure: null,
    reopenings: 0,
  }),
  initial: 'intake',
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
      entry: { type: 'openTask', params: { step: 'intake' } },
      exit: { type: 'closeTask', params: { step: 'intake' } },
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
      entry: { type: 'openTask', params: { step: 'verification' } },
      exit: { type: 'closeTask', params: { step: 'verification' } },
      on: {
        VERIFICATION_COMPLETED: [
          { guard: 'isUnfounded', target: 'closed', actions: ['recordVerification', 'closeAsUnfounded'] },
          { guard: 'needsEmergencyIntervention', target: 'emergencyIntervention', actions: 'recordVerification' },
          { target: 'specificAssessment', actions: 'recordVerification' },
        ],
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
      entry: { type: 'openTask', params: { step: 'emergencyIntervention' } },
      exit: { type: 'closeTask', params: { step: 'emergencyIntervention' } },
      on: { EMERGENCY_MEASURES_TAKEN: { target: 'specificAssessment', actions: 'recordEmergencyMeasures' } },
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
      entry: { type: 'openTask', params: { step: 'specificAssessment' } },
      exit: { type: 'closeTask', params: { step: 'specificAssessment' } },
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
      entry: { type: 'openTask', params: { step: 'planDrafting' } },
      exit: { type: 'closeTask', params: { step: 'planDrafting' } },
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
      entry: { type: 'openTask', params: { step: 'planApproval' } },
      exit: { type: 'closeTask', params: { step: 'planApproval' } },
      on: {
        PLAN_APPROVED: [
          { guard: 'hasReferrals', target: 'support', actions: 'openReferrals' },
          { target: 'followUp' },
        ],
        PLAN_RETURNED: 'planDrafting',
      },
    },
    support: {
      type: 'parallel',
      meta: { label: { vi: 'Thực hiện kế hoạch: chuyển gửi song song', en: 'Carrying out the plan: referrals in parallel' } },
      states: {
        police: referralRegion('police'),
        education: referralRegion('education'),
        health: referralRegion('health'),
        socialSupport: referralRegion('socialSupport'),
        labourInspection: referralRegion('labourInspection'),
        shelter: referralRegion('shelter'),
      },
      onDone: 'followUp',
    },
    followUp: {
      meta: {
        label: { vi: 'Theo dõi, đánh giá định kỳ', en: 'Follow-up and periodic review' },
        task: {
          owner: { agencies: COMMUNE },
          role: 'officer',
          action: 'review',
          deadline: { step: 'followUpReview' },
          completes: 'REVIEW_RECORDED',
        },
      },
      entry: { type: 'openTask', params: { step: 'followUp' } },
      exit: { type: 'closeTask', params: { step: 'followUp' } },
      on: {
        // Each review starts the next review period: the step is left and entered again.
        REVIEW_RECORDED: { target: 'followUp', reenter: true, actions: 'countReview' },
        CLOSURE_PROPOSED: 'closureProposed',
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
      entry: { type: 'openTask', params: { step: 'closureProposed' } },
      exit: { type: 'closeTask', params: { step: 'closureProposed' } },
      on: {
        CLOSURE_APPROVED: { target: 'closed', actions: 'closeAsResolved' },
        CLOSURE_REJECTED: 'followUp',
      },
    },
    closed: {
      meta: { label: { vi: 'Đã đóng hồ sơ', en: 'Closed' } },
      on: { REOPENED: { target: 'verification', actions: 'reopen' } },
    },
  },
});
