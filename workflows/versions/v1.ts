/**
 * Workflow version 1 as stored cases hold it, and its migration to version 2. Version 1 ran the
 * commune's procedure alone, opened every referral only when the plan was approved, and followed up
 * only after every referral was done; it had no temporary-separation step.
 */
import { crimeSigns, Referral, ReferralDecline } from '../case.machine';
import { POLICY_V2, REFERRAL_KINDS, ReferralKind } from '../policy';
import type { CaseContext as V2Context } from '../case.machine';

type V1Referral = Omit<Referral, 'clockFrom' | 'result' | 'extendedUntil'> & { declines: ReferralDecline[] };

export interface V1Context extends Omit<V2Context, 'referrals' | 'separation'> {
  referrals: Partial<Record<ReferralKind, V1Referral>>;
}

export type V1StateValue = string | { support: Record<ReferralKind, string> };

export interface V1PersistedCase {
  value: V1StateValue;
  context: V1Context;
}

/** The commune's steps of version 1, in the order of the procedure. */
const V1_PROCEDURE_STEPS = [
  'intake',
  'verification',
  'emergencyIntervention',
  'specificAssessment',
  'planDrafting',
  'planApproval',
  'followUp',
  'closureProposed',
] as const;
type V1ProcedureStep = (typeof V1_PROCEDURE_STEPS)[number];

const V1_REFERRAL_STATES = ['deciding', 'notRequired', 'pending', 'declined', 'inProgress', 'done'] as const;
type V1ReferralState = (typeof V1_REFERRAL_STATES)[number];

/** Steps of version 1 that opened tasks, with the version-2 step that carries each on. */
export const V1_STEP_RENAMES: ReadonlyMap<string, string> = new Map([
  ...V1_PROCEDURE_STEPS.map((step) => [step, `open.procedure.${step}`] as const),
  ...REFERRAL_KINDS.flatMap((kind) =>
    (['pending', 'declined', 'inProgress'] as const).map((state) => [`support.${kind}.${state}`, `open.${kind}.${state}`] as const),
  ),
]);

/** Why a stored case cannot move to the next version; the engine names the case with it. */
export class CaseMigrationError extends Error {}

/** The version-2 state of one referral region. */
function referralState(v1: V1ReferralState): 'idle' | 'pending' | 'declined' | 'inProgress' | 'done' {
  return v1 === 'deciding' || v1 === 'notRequired' ? 'idle' : v1;
}

function isProcedureStep(value: string): value is V1ProcedureStep {
  return (V1_PROCEDURE_STEPS as readonly string[]).includes(value);
}

/**
 * Version 1 → version 2, pure. The commune's step keeps its name; a case carrying out its plan is
 * in follow-up with its referrals beside it; and what version 2 does at once, it does now: a
 * crime report with no police referral yet reaches the police, and a child whose separation was
 * found needed before the plan gets the shelter, on the receipt's clock. `at` is the migration's time.
 */
export function migrateV1ToV2(stored: V1PersistedCase, at: string): { value: unknown; context: V2Context } {
  const { value, context } = stored;
  const referrals: V2Context['referrals'] = {};
  for (const [kind, referral] of Object.entries(context.referrals) as Array<[ReferralKind, V1Referral]>) {
    referrals[kind] = { ...referral, clockFrom: referral.openedAt, result: null, extendedUntil: null };
  }
  const migrated: V2Context = { ...context, referrals, separation: null };
  if (value === 'closed') return { value: 'closed', context: migrated };

  let procedure: V1ProcedureStep;
  const regions: Record<ReferralKind, string> = Object.fromEntries(REFERRAL_KINDS.map((kind) => [kind, 'idle'])) as Record<ReferralKind, string>;
  if (typeof value === 'string') {
    if (!isProcedureStep(value)) throw new CaseMigrationError(`version 1 has no state "${value}"`);
    procedure = value;
    // Outside the support state, a version-1 referral in the context was carried out to the end.
    for (const kind of Object.keys(referrals) as ReferralKind[]) regions[kind] = 'done';
  } else if (value && typeof value === 'object' && 'support' in value) {
    procedure = 'followUp';
    for (const kind of REFERRAL_KINDS) {
      const state = value.support[kind];
      if (!(V1_REFERRAL_STATES as readonly string[]).includes(state)) {
        throw new CaseMigrationError(`version 1 has no state "support.${kind}.${String(state)}"`);
      }
      regions[kind] = referralState(state as V1ReferralState);
    }
  } else {
    throw new CaseMigrationError(`version 1 has no state ${JSON.stringify(value)}`);
  }

  const urgent: Array<[ReferralKind, string]> = [];
  if (crimeSigns(migrated) && !referrals.police) urgent.push(['police', at]);
  const pastVerification = V1_PROCEDURE_STEPS.indexOf(procedure) > V1_PROCEDURE_STEPS.indexOf('verification');
  if (pastVerification && context.findings.separationNeeded && !referrals.shelter) urgent.push(['shelter', context.receivedAt]);
  for (const [kind, clockFrom] of urgent) {
    referrals[kind] = { to: [...POLICY_V2.referrals[kind].to], agencyId: null, openedAt: at, clockFrom, declines: [], outcome: null, result: null, extendedUntil: null };
    regions[kind] = 'pending';
  }
  return { value: { open: { procedure, ...regions, separation: 'none' } }, context: migrated };
}
