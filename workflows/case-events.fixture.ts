/**
 * For the statechart's tests: the events a person can send, with the data variants that lead to
 * different states, and a history built from them. Not used by the service.
 */
import { CaseEventBody, HistoryLine } from './case-workflow';
import { CaseEvent, CaseInput } from './case.machine';
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
    { type: 'REFERRAL_COMPLETED', referral, outcome: 'done', ...(referral === 'police' ? { result: 'prosecution_not_opened' } : {}) },
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
