/**
 * Every workflow version a stored case or task may carry, keyed by the `machineVersion` stored with
 * it, and the checked path from each to the current one. XState 5 has no snapshot migration, so each
 * version names the pure function that moves its cases one version on; the result must be a state
 * the current chart knows, with a context of the current shape, before any case is written.
 */
import { activeStates, caseStatus, isKnownState, PersistedCase, restoreCase, WAITING_STEPS } from './case-workflow';
import { CASE_MACHINE_VERSION, CaseContext, Label } from './case.machine';
import { REFERRAL_KINDS, ReferralKind } from './policy';
import { CaseMigrationError, migrateV1ToV2, V1_STEP_RENAMES, V1PersistedCase } from './versions/v1';

export { CaseMigrationError } from './versions/v1';

interface WorkflowVersion {
  machineVersion: number;
  /** Moves a case stored by this version to the next one; `at` is the migration's time. */
  migrate?: (stored: unknown, at: string) => { value: unknown; context: unknown };
  /** Steps whose open tasks carry on, under the next version's name. */
  stepRenames?: ReadonlyMap<string, string>;
}

const VERSIONS: ReadonlyMap<number, WorkflowVersion> = new Map<number, WorkflowVersion>([
  [1, { machineVersion: 1, migrate: (stored, at) => migrateV1ToV2(stored as V1PersistedCase, at), stepRenames: V1_STEP_RENAMES }],
  [CASE_MACHINE_VERSION, { machineVersion: CASE_MACHINE_VERSION }],
]);

export interface Migration {
  persisted: PersistedCase;
  /** Old step name → current step name, for the tasks still open. */
  renamedSteps: ReadonlyMap<string, string>;
}

const isDateTime = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const isDate = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with a context of the current shape, or null when nothing is. */
export function contextProblem(context: unknown): string | null {
  if (!isObject(context)) return 'the context is not an object';
  const c = context as unknown as CaseContext;
  if (!isDateTime(c.receivedAt)) return 'receivedAt is not a time';
  if (!['abused', 'at_risk', 'special_circumstances'].includes(c.category)) return `unknown category ${String(c.category)}`;
  if (!isObject(c.findings)) return 'findings are missing';
  if (!Array.isArray(c.additionalReferrals)) return 'additionalReferrals is not a list';
  if (typeof c.reviews !== 'number' || typeof c.reopenings !== 'number') return 'review or reopening counts are missing';
  if (!isObject(c.referrals)) return 'referrals are missing';
  for (const [kind, r] of Object.entries(c.referrals)) {
    if (!(REFERRAL_KINDS as readonly string[]).includes(kind)) return `unknown referral ${kind}`;
    if (!isObject(r) || !Array.isArray(r.to) || !Array.isArray(r.declines)) return `referral ${kind} is malformed`;
    if (!isDateTime(r.openedAt) || !isDateTime(r.clockFrom)) return `referral ${kind} has no opening time or clock`;
    if (r.extendedUntil !== null && !isDate(r.extendedUntil)) return `referral ${kind} has a malformed extension`;
    if (r.result === undefined || r.outcome === undefined) return `referral ${kind} lacks its outcome fields`;
  }
  if (c.separation !== null && !(isObject(c.separation) && isDateTime(c.separation.since))) return 'separation is malformed';
  if (c.closure !== null && !(isObject(c.closure) && isDateTime(c.closure.at))) return 'closure is malformed';
  return null;
}

/** Checks that a case stored as the current version resolves, and that its regions match its referrals. */
export function persistedProblem(persisted: PersistedCase): string | null {
  if (!isKnownState(persisted.value)) return `the current workflow has no state ${JSON.stringify(persisted.value)}`;
  const problem = contextProblem(persisted.context);
  if (problem) return problem;
  const snapshot = restoreCase(persisted);
  if (caseStatus(snapshot) === 'closed') return null;
  const active = activeStates(snapshot.value);
  for (const kind of REFERRAL_KINDS as readonly ReferralKind[]) {
    const idle = active.includes(`open.${kind}.idle`);
    if (idle === Boolean(persisted.context.referrals[kind])) return `the ${kind} region does not match its referral`;
  }
  return null;
}

/**
 * Moves a stored case from its version to the current one, one checked version at a time. Throws
 * CaseMigrationError saying what is wrong when a version or a state is unknown or the result is not valid.
 */
export function migrateToCurrent(machineVersion: number, stored: unknown, at: string): Migration {
  let version = machineVersion;
  let current = stored;
  const chain: Array<ReadonlyMap<string, string>> = [];
  while (version !== CASE_MACHINE_VERSION) {
    const definition = VERSIONS.get(version);
    if (!definition?.migrate) throw new CaseMigrationError(`no migration from workflow version ${version}`);
    current = definition.migrate(current, at);
    chain.push(definition.stepRenames ?? new Map());
    version += 1;
  }
  // The open tasks were opened under the stored version: their names follow every version on.
  const renamedSteps = new Map(
    [...(chain[0] ?? [])].map(([from, to]): [string, string] => [from, chain.slice(1).reduce((name, renames) => renames.get(name) ?? name, to)]),
  );
  const persisted = current as PersistedCase;
  const problem = persistedProblem(persisted);
  if (problem) throw new CaseMigrationError(problem);
  return { persisted, renamedSteps };
}

/**
 * How a step is named, whichever version opened it. Without a version (an alert names only the
 * step), the current name is tried first and then each older version's: no two versions share a name.
 */
export function stepLabel(step: string, machineVersion?: number): Label {
  const current = WAITING_STEPS.get(step);
  if (current && machineVersion === undefined) return current.label;
  let name = step;
  for (let version = machineVersion ?? 1; version < CASE_MACHINE_VERSION; version += 1) {
    name = VERSIONS.get(version)?.stepRenames?.get(name) ?? name;
  }
  return WAITING_STEPS.get(name)?.label ?? { vi: step, en: step };
}
