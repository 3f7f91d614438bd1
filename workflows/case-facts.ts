/**
 * What the periodic reports count about one case, kept beside it as the case moves: who the child is
 * in the breakdowns (sex, age band, ethnicity, commune, never a name) and when each counted thing first
 * happened. Each accepted event yields the facts it changes (`factChange`), applied in the same
 * transaction as the event, so the facts are always the fold of the case's history.
 */
import { CASE_OPENED, caseStatus, HISTORY_NOTES, PersistedCase, restoreCase, startCase, stepCase, WORKFLOW_MIGRATED } from './case-workflow';
import { CaseContext, CaseEvent, CaseInput, Findings } from './case.machine';
import { REFERRAL_KINDS, ReferralKind } from './policy';

export const AGE_BANDS = ['5-11', '12-14', '15-17', 'other'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The age bands of the plans (5–11, 12–14, 15–17); under 5 or unknown as `other`. */
export function ageBand(age: number | null): AgeBand {
  if (age === null || age < 5 || age > 17) return 'other';
  return age <= 11 ? '5-11' : age <= 14 ? '12-14' : '15-17';
}

export interface ReferralFacts {
  openedAt: number | null;
  /** The due time of the referral's step now waiting, if one waits. */
  dueAt: number | null;
  acceptedAt: number | null;
  declinedAt: number | null;
  completedAt: number | null;
  /** The coded result (the police's art. 147 decision; the education referral's enrolment). */
  result: string | null;
  /** The first deadline of the referral that passed before its step was done. */
  lateAt: number | null;
}

/** One case as the reports see it. Times are milliseconds since the epoch. */
export interface CaseFacts {
  caseId: string;
  provinceCode: string;
  communeCode: string;
  receivedAt: number;
  sex: string;
  ageBand: AgeBand;
  ethnicity: string;
  channel: string;
  category: string;
  /** The end of the 12-hour verification clock. */
  verificationDueAt: number;
  verifiedAt: number | null;
  unlawfulAt: number | null;
  traffickingAt: number | null;
  policeToldAt: number | null;
  followUpAt: number | null;
  closedAt: number | null;
  closureReason: string | null;
  referrals: Record<ReferralKind, ReferralFacts>;
}

export interface OpeningFacts {
  caseId: string;
  provinceCode: string;
  communeCode: string;
  receivedAt: Date;
  sex: string;
  ageYears: number | null;
  ethnicity: string | null;
  channel: string;
  category: string;
  verificationHours: number;
}

const HOUR_MS = 3_600_000;

function traffickingSigns(findings: Findings): boolean {
  return findings.traffickingSigns === true || findings.exploitationSigns === true || findings.forcedLabour === true;
}

function isReferralKind(kind: string | undefined): kind is ReferralKind {
  return (REFERRAL_KINDS as readonly string[]).includes(kind ?? '');
}

function emptyReferral(): ReferralFacts {
  return { openedAt: null, dueAt: null, acceptedAt: null, declinedAt: null, completedAt: null, result: null, lateAt: null };
}

/** The facts of a case just opened, before its opening step is applied to them. */
export function openingFacts(opening: OpeningFacts): CaseFacts {
  const receivedAt = opening.receivedAt.getTime();
  return {
    caseId: opening.caseId,
    provinceCode: opening.provinceCode,
    communeCode: opening.communeCode,
    receivedAt,
    sex: opening.sex,
    ageBand: ageBand(opening.ageYears),
    ethnicity: opening.ethnicity?.trim() || 'unknown',
    channel: opening.channel,
    category: opening.category,
    verificationDueAt: receivedAt + opening.verificationHours * HOUR_MS,
    verifiedAt: null,
    unlawfulAt: null,
    traffickingAt: null,
    policeToldAt: null,
    followUpAt: null,
    closedAt: null,
    closureReason: null,
    referrals: Object.fromEntries(REFERRAL_KINDS.map((kind) => [kind, emptyReferral()])) as Record<ReferralKind, ReferralFacts>,
  };
}

/** A referral step of this case that an event opened or closed, with its deadline. */
export interface ReferralStep {
  referral: ReferralKind;
  dueAt: number;
}

/**
 * How one step changes the facts. `first` values are kept only where none is stored yet (the first
 * time is what the reports count); `set` values replace what is stored; for each referral in `closed`
 * a step of it was done at `at`, late if its stored deadline had passed.
 */
export interface FactChange {
  at: number;
  first: Partial<Record<FirstFact, number>> & { referrals: Partial<Record<ReferralKind, Partial<Record<'openedAt' | 'acceptedAt' | 'declinedAt', number>>>> };
  set: { closedAt: number | null; closureReason: string | null; referrals: Partial<Record<ReferralKind, Partial<Pick<ReferralFacts, 'dueAt' | 'completedAt' | 'result'>>>> };
  closed: ReferralKind[];
}

export type FirstFact = 'verifiedAt' | 'unlawfulAt' | 'traffickingAt' | 'policeToldAt' | 'followUpAt';

/**
 * The facts an event changes, from the event and the case as it stands after it (`status`, the
 * commune procedure's step). `opened` and `closed` are the referral steps the engine opened and
 * closed for it.
 */
export function factChange(
  event: { type: string; referral?: string; result?: string },
  at: Date,
  after: CaseContext,
  status: string,
  opened: readonly ReferralStep[],
  closed: readonly ReferralKind[],
): FactChange {
  const time = at.getTime();
  const change: FactChange = {
    at: time,
    first: { referrals: {} },
    set: { closedAt: after.closure ? Date.parse(after.closure.at) : null, closureReason: after.closure?.reason ?? null, referrals: {} },
    closed: [...closed],
  };
  if (event.type === 'VERIFICATION_COMPLETED') change.first.verifiedAt = time;
  if (after.classification?.verdict === 'unlawful') change.first.unlawfulAt = time;
  if (traffickingSigns(after.findings)) change.first.traffickingAt = time;
  if (after.referrals.police) change.first.policeToldAt = Date.parse(after.referrals.police.openedAt);
  if (status === 'followUp') change.first.followUpAt = time;
  for (const kind of REFERRAL_KINDS) {
    const referral = after.referrals[kind];
    if (!referral) continue;
    const first = (change.first.referrals[kind] = { openedAt: Date.parse(referral.openedAt) } as Record<string, number>);
    if (event.type === 'REFERRAL_ACCEPTED' && event.referral === kind) first.acceptedAt = time;
    if (event.type === 'REFERRAL_DECLINED' && event.referral === kind) first.declinedAt = time;
  }
  for (const step of opened) (change.set.referrals[step.referral] ??= {}).dueAt = step.dueAt;
  for (const kind of closed) (change.set.referrals[kind] ??= {}).dueAt ??= null;
  if (event.type === 'REFERRAL_COMPLETED' && isReferralKind(event.referral)) {
    Object.assign((change.set.referrals[event.referral] ??= {}), { completedAt: time, result: event.result ?? null });
  }
  return change;
}

/** The facts after a change: what the database does with `factChange`, for tests and replays. */
export function applyFactChange(facts: CaseFacts, change: FactChange): CaseFacts {
  const next: CaseFacts = { ...facts, referrals: { ...facts.referrals } };
  for (const [name, value] of Object.entries(change.first) as Array<[FirstFact, number]>) {
    if (name !== ('referrals' as FirstFact) && next[name] === null) next[name] = value;
  }
  next.closedAt = change.set.closedAt;
  next.closureReason = change.set.closureReason;
  for (const kind of REFERRAL_KINDS) {
    const before = facts.referrals[kind];
    const referral: ReferralFacts = { ...before };
    if (change.closed.includes(kind) && referral.lateAt === null && before.dueAt !== null && before.dueAt < change.at) referral.lateAt = before.dueAt;
    for (const [name, value] of Object.entries(change.first.referrals[kind] ?? {}) as Array<['openedAt' | 'acceptedAt' | 'declinedAt', number]>) {
      if (referral[name] === null) referral[name] = value;
    }
    Object.assign(referral, change.set.referrals[kind] ?? {});
    next.referrals[kind] = referral;
  }
  return next;
}

/** A referral step as stored: when it was due, and when it was done. */
export interface StoredReferralStep {
  referral: ReferralKind;
  dueAt: number;
  closedAt: number | null;
}

export interface FactsLine {
  type: string;
  payload: unknown;
  at: Date;
}

/**
 * The facts of a case rebuilt from its history and its referral steps: for cases opened before the
 * facts were kept, and as the check that the facts kept event by event are the fold of the history.
 * A referral's deadlines come from its stored steps: the one waiting, and the first one done late.
 */
export function replayFacts(opening: OpeningFacts, history: readonly FactsLine[], steps: readonly StoredReferralStep[]): CaseFacts {
  let facts = openingFacts(opening);
  let snapshot = startCase(history[0].payload as CaseInput).snapshot;
  facts = applyFactChange(facts, factChange({ type: CASE_OPENED }, opening.receivedAt, snapshot.context, caseStatus(snapshot), [], []));
  for (const line of history.slice(1)) {
    if (HISTORY_NOTES.has(line.type)) continue;
    if (line.type === WORKFLOW_MIGRATED) {
      snapshot = restoreCase((line.payload as { snapshot: PersistedCase }).snapshot);
      continue;
    }
    const event = line.payload as CaseEvent;
    const step = stepCase(snapshot, event);
    if (!step) throw new Error(`History does not replay: ${event.type} is not accepted in ${JSON.stringify(snapshot.value)}`);
    snapshot = step.snapshot;
    facts = applyFactChange(facts, factChange(event as { type: string }, line.at, snapshot.context, caseStatus(snapshot), [], []));
  }
  const referrals = { ...facts.referrals };
  for (const kind of REFERRAL_KINDS) {
    const own = steps.filter((s) => s.referral === kind);
    const late = own.filter((s) => s.closedAt !== null && s.closedAt > s.dueAt).map((s) => s.dueAt);
    referrals[kind] = {
      ...referrals[kind],
      dueAt: own.find((s) => s.closedAt === null)?.dueAt ?? null,
      lateAt: late.length > 0 ? Math.min(...late) : null,
    };
  }
  return { ...facts, referrals };
}
