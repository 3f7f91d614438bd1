import { activeStates, allowedEvents, CaseSnapshot, deadlineRule, replayCase, startCase, STATES, stepCase, WAITING_STEPS } from './case-workflow';
import { CaseContext, CaseEvent, CaseInput, requiredReferrals } from './case.machine';
import { caseContext, EVENT_VARIANTS, history, reachesClosed, stampedAfter } from './case-events.fixture';
import { CURRENT_POLICY } from './policy';

const INPUT: CaseInput = { receivedAt: '2026-03-02T01:00:00.000Z', childAgeYears: 14, category: 'at_risk', work: null, findings: {} };
/** A report with a crime sign at intake: the police are told before verification, which can then find it unfounded. */
const CRIME_REPORT: CaseInput = { ...INPUT, findings: { traffickingSigns: true } };

interface Node {
  input: CaseInput;
  snapshot: CaseSnapshot;
  path: CaseEvent[];
}

function key(snapshot: CaseSnapshot): string {
  return JSON.stringify([snapshot.value, requiredReferrals(snapshot.context)]);
}

function withAncestors(path: string): string[] {
  const parts = path.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

/**
 * Configurations reachable from intake, breadth first, each with the shortest event path to it, until
 * every state of the chart has been reached: the parallel regions make the whole product too large.
 */
function explore(): Node[] {
  const starts: Node[] = [INPUT, CRIME_REPORT].map((input) => ({ input, snapshot: startCase(input).snapshot, path: [] }));
  const seen = new Map<string, Node>(starts.map((start) => [key(start.snapshot), start]));
  const reached = new Set<string>();
  const queue = [...starts];
  for (let node = queue.shift(); node && reached.size < STATES.size; node = queue.shift()) {
    for (const state of activeStates(node.snapshot.value).flatMap(withAncestors)) reached.add(state);
    for (const [i, body] of EVENT_VARIANTS.entries()) {
      const event = stampedAfter(body, INPUT.receivedAt, node.path.length, i);
      const step = stepCase(node.snapshot, event);
      if (!step || seen.has(key(step.snapshot))) continue;
      const next = { input: node.input, snapshot: step.snapshot, path: [...node.path, event] };
      seen.set(key(step.snapshot), next);
      queue.push(next);
    }
  }
  return [...seen.values()];
}

const REACHABLE = explore();

/** For each state of the chart, the shortest generated path that reaches it, with the report it starts from. */
const replayTo = (state: string) => {
  const { input, path } = PATH_TO.get(state)!;
  return replayCase(history(input, path));
};

const PATH_TO: Map<string, Node> = new Map();
for (const node of REACHABLE) {
  for (const state of activeStates(node.snapshot.value).flatMap(withAncestors)) {
    if (!PATH_TO.has(state) || PATH_TO.get(state)!.path.length > node.path.length) PATH_TO.set(state, node);
  }
}

describe('the case statechart', () => {
  // Every state is one a case can rest in: decisions are guards on transitions, not passing states.
  const RESTING_STATES = [...STATES.keys()];

  it('reaches every state from intake', () => {
    expect([...PATH_TO.keys()].sort()).toEqual(RESTING_STATES.sort());
  });

  it.each(RESTING_STATES)('replays its generated path to %s', (state) => {
    const snapshot = replayTo(state);
    expect(activeStates(snapshot.value).flatMap(withAncestors)).toContain(state);
  });

  it('can be closed from every state it can rest in', () => {
    const stuck = RESTING_STATES.filter((state) => !reachesClosed(replayTo(state), INPUT.receivedAt));
    expect(stuck).toEqual([]);
  });

  it('declares for every waiting step who owes it, what to do and a deadline from the policy table', () => {
    expect(WAITING_STEPS.size).toBeGreaterThanOrEqual(12);
    for (const [step, waiting] of WAITING_STEPS) {
      expect([step, waiting.task.role]).toEqual([step, expect.stringMatching(/^(operator|officer|supervisor|coordinator)$/)]);
      const rule = deadlineRule(CURRENT_POLICY, waiting.task.deadline);
      expect('hours' in rule ? rule.hours : 'workingDays' in rule ? rule.workingDays : 'days' in rule ? rule.days : rule.months).toBeGreaterThan(0);
    }
  });

  it('names every state in Vietnamese and English', () => {
    for (const [state, meta] of STATES) {
      expect([state, meta.label.vi.length > 0, meta.label.en.length > 0]).toEqual([state, true, true]);
    }
  });

  it('opens only the events a state accepts, and lists them', () => {
    const atVerification = replayTo('open.procedure.verification');
    expect(allowedEvents(atVerification)).toEqual([{ type: 'VERIFICATION_COMPLETED' }]);
    expect(stepCase(atVerification, { type: 'PLAN_APPROVED', at: '2026-03-03T00:00:00.000Z' })).toBeNull();
  });
});

describe('which referrals a case needs', () => {
  const base: CaseContext = caseContext(INPUT.receivedAt);

  it.each([
    [{ traffickingSigns: true }, ['police']],
    [{ exploitationSigns: true }, ['police']],
    [{ forcedLabour: true }, ['police']],
    [{ outOfSchool: true }, ['education']],
    [{ dropOutRisk: true }, ['education']],
    [{ harm: true }, ['health']],
    [{ poorHousehold: true }, ['socialSupport']],
    [{ noCaregiver: true }, ['socialSupport']],
    [{ employerInvolved: true }, ['labourInspection']],
    [{ separationNeeded: true }, ['shelter']],
    [{}, []],
  ])('findings %j open %j', (findings, expected) => {
    expect(requiredReferrals({ ...base, findings })).toEqual(expected);
  });

  it('sends the police when the classifier sees a possible art. 296 crime, and education for a school-age child labourer', () => {
    const classification = { verdict: 'unlawful' as const, reasons: [], policeReferral: true };
    expect(requiredReferrals({ ...base, classification })).toEqual(['police', 'education']);
    expect(requiredReferrals({ ...base, classification, childAgeYears: 5 })).toEqual(['police']);
  });

  it('keeps the police referral when the plan adds others', () => {
    expect(requiredReferrals({ ...base, findings: { traffickingSigns: true }, additionalReferrals: ['health'] })).toEqual(['police', 'health']);
  });

  it('sends labour inspection of a farm to the agriculture office', () => {
    const { path } = PATH_TO.get('open.procedure.planApproval')!;
    const atApproval = replayCase(history({ ...INPUT, findings: { employerInvolved: true, employerSector: 'agriculture' } }, path));
    const approved = stepCase(atApproval, { type: 'PLAN_APPROVED', at: '2026-03-10T00:00:00.000Z' })!;
    expect(approved.snapshot.context.referrals.labourInspection?.to).toEqual(['AGRICULTURE', 'LABOUR_SOCIAL']);
    expect(approved.tasks.opened).toContain('open.labourInspection.pending');
  });
});
