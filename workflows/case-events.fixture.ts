/**
 * For the statechart's tests: the events a person can send, with the data variants that lead to
 * different states, and a history built from them. Not used by the service.
 */
import { CaseEventBody, CaseSnapshot, HistoryLine, startCase, stepCase } from './case-workflow';
import { CaseContext, CaseEvent, CaseInput } from './case.machine';
import { REFERRAL_KINDS } from './policy';

export const EVENT_VARIANTS: CaseEventBody[] = [
  { type: 'FORWARDED' },
  { type: 'VERIFICATION_COMPLETED', founded: false, emergency: false, findings: {} },
  { type: 'VERIFICATION_COMPLETED', founded: true, emergency: true, findings: {} },
  { type: 'VERIFICATION_COMPLETED', founded: true, emergency: false, findings: {} },
  { type: 'VERIFICATION_COMPLETED', founded: true, emergency: false, findings: { traffickingSigns: true } },
  { type: 'VERIFICATION_COMPLETED', founded: false, emergency: false, findings: { traffickingSigns: true } },
  { type: 'EMERGENCY_MEASURES_TAKEN', separated: true, measures: 'placed with an aunt' },
  { type: 'EMERGENCY_MEASURES_TAKEN', separated: false, measures: 'family warned' },
  { type: 'ASSESSMENT_COMPLETED', findings: {} },
  ...[[], ...REFERRAL_KINDS.map((kind) => [kind])].map((additionalReferrals) => ({ type: 'PLAN_DRAFTED' as const, additionalReferrals })),
  { type: 'PLAN_APPROVED' },
  { type: 'PLAN_RETURNED', reason: 'incomplete' },
  ...REFERRAL_KINDS.flatMap((referral): CaseEventBody[] => [
    { type: 'REFERRAL_ACCEPTED', referral },
    { type: 'REFERRAL_DECLINED', referral, reason: 'not ours', agencyId: null },
    { type: 'REFERRAL_REASSIGNED', referral, agencyId: 'agency-2' },
    { type: 'REFERRAL_EXTENDED', referral, until: '2026-05-15', reason: 'procuracy extension' },
    { type: 'REFERRAL_COMPLETED', referral, outcome: 'done', ...(referral === 'police' ? { result: 'prosecution_not_opened' } : referral === 'education' ? { result: 'returned_to_school' } : {}) },
  ]),
  { type: 'SEPARATION_EXTENDED', until: '2026-03-25', reason: 'no safe home yet' },
  { type: 'SEPARATION_ENDED', notes: 'back with her mother' },
  { type: 'REVIEW_RECORDED', stable: true, notes: 'fine' },
  { type: 'CLOSURE_PROPOSED', reason: 'stable' },
  { type: 'NEW_PLAN_REQUIRED', reason: 'relapse' },
  { type: 'CLOSURE_APPROVED' },
  { type: 'CLOSURE_REJECTED', reason: 'too early' },
  { type: 'REOPENED', reason: 'new call' },
];

/** The event stamped a minute per step after `from`, distinct per variant. */
export function stampedAfter(body: CaseEventBody, from: string, steps: number, variant: number): CaseEvent {
  return { ...body, at: new Date(Date.parse(from) + (steps + 1) * 60_000 + variant).toISOString() } as CaseEvent;
}

export function history(input: CaseInput, events: readonly CaseEvent[]): HistoryLine[] {
  return [{ type: 'CASE_OPENED', payload: input }, ...events.map((event) => ({ type: event.type, payload: event }))];
}

/**
 * The events that move a case towards its end: taking, doing and finishing each step. Leaving out
 * the detours (declines, extensions, returns, new plans) keeps the search small; reaching `closed`
 * with these alone proves the case can be closed.
 */
const DETOURS: readonly string[] = ['REFERRAL_DECLINED', 'REFERRAL_EXTENDED', 'SEPARATION_EXTENDED', 'PLAN_RETURNED', 'NEW_PLAN_REQUIRED', 'CLOSURE_REJECTED', 'REOPENED', 'REVIEW_RECORDED'];
const FORWARD = EVENT_VARIANTS.filter((body) => !DETOURS.includes(body.type) && !(body.type === 'PLAN_DRAFTED' && body.additionalReferrals.length > 0));

/** Whether some sequence of events from `at` on carries the snapshot to `closed` (breadth-first, bounded). */
export function reachesClosed(start: CaseSnapshot, at: string): boolean {
  const seen = new Set([JSON.stringify(start.value)]);
  let frontier = [start];
  for (let depth = 0; depth < 40 && frontier.length > 0; depth++) {
    const next: CaseSnapshot[] = [];
    for (const snapshot of frontier) {
      if (snapshot.value === 'closed') return true;
      for (const [i, body] of FORWARD.entries()) {
        const step = stepCase(snapshot, stampedAfter(body, at, depth, i));
        if (!step) continue;
        const key = JSON.stringify([step.snapshot.value, Object.keys(step.snapshot.context.referrals)]);
        if (seen.has(key)) continue;
        seen.add(key);
        next.push(step.snapshot);
      }
    }
    frontier = next;
  }
  return false;
}

/** A case's context as the machine keeps it, at receipt and before any step: tests override what they look at. */
export function caseContext(receivedAt: string, overrides: Partial<CaseContext> = {}): CaseContext {
  const opened = startCase({ receivedAt, childAgeYears: 14, category: 'at_risk', work: null, findings: {} }).snapshot.context;
  return { ...opened, ...overrides };
}
