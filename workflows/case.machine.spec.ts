import { activeStates, allowedEvents, CaseSnapshot, deadlineRule, replayCase, startCase, STATES, stepCase, WAITING_STEPS } from './case-workflow';
import { CaseContext, CaseEvent, CaseInput, requiredReferrals } from './case.machine';
import { EVENT_VARIANTS, history, stampedAfter } from './case-events.fixture';
import { CURRENT_POLICY } from './policy';

const INPUT: CaseInput = { receivedAt: '2026-03-02T01:00:00.000Z', childAgeYears: 14, category: 'at_risk', work: null, findings: {} };

interface Node {
  snapshot: CaseSnapshot;
  path: CaseEvent[];
}

function key(snapshot: CaseSnapshot): string {
  return JSON.stringify([snapshot.value, requiredReferrals(snapshot.context)]);
}

/** Every configuration reachable from intake, each with the shortest event path to it. */
function explore(): Node[] {
  const start: Node = { snapshot: startCase(INPUT).snapshot, path: [] };
  const seen = new Map<string, Node>([[key(start.snapshot), start]]);
  const queue = [start];
  for (let node = queue.shift(); node; node = queue.shift()) {
    for (const [i, body] of EVENT_VARIANTS.entries()) {
      const event = stampedAfter(body, INPUT.receivedAt, node.path.length, i);
      const step = stepCase(node.snapshot, event);
      if (!step || seen.has(key(step.snapshot))) continue;
      const next = { snapshot: step.snapshot, path: [...node.path, event] };
      seen.set(key(step.snapshot), next);
      queue.push(next);
    }
  }
  return [...seen.values()];
}

function withAncestors(path: string): string[] {
  const parts = path.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

const REACHABLE = explore();

/** For each state of the chart, the shortest generated path that reaches it. */
const PATH_TO: Map<string, CaseEvent[]> = new Map();
for (const node of REACHABLE) {
  for (const state of activeStates(node.snapshot.value).flatMap(withAncestors)) {
    if (!PATH_TO.has(state) || PATH_TO.get(state)!.length > node.path.length) PATH_TO.set(state, node.path);
  }
}

describe('the case statechart', () => {
  // Every state is one a case can rest in: decisions are guards on transitions, not passing states.
  const RESTING_STATES = [...STATES.keys()];

  it('reaches every state from intake', () => {
    expect([...PATH_TO.keys()].sort()).toEqual(RESTING_STATES.sort());
  });

  it.each(RESTING_STATES)('replays its generated path to %s', (state) => {
    const snapshot = replayCase(history(INPUT, PATH_TO.get(state)!));
    expect(activeStates(snapshot.value).flatMap(withAncestors)).toContain(state);
  });

  it('can be closed from every reachable configuration', () => {
    const closable = new Set(REACHABLE.filter((n) => n.snapshot.value === 'closed').map((n) => key(n.snapshot)));
    let grew = true;
    while (grew) {
      grew = false;
      for (const node of REACHABLE) {
        if (closable.has(key(node.snapshot))) continue;
        const leadsToClosable = EVENT_VARIANTS.some((body) => {
          const step = stepCase(node.snapshot, { ...body, at: '2026-04-01T00:00:00.000Z' } as CaseEvent);
          return step !== null && closable.has(key(step.snapshot));
        });
        if (leadsToClosable) {
          closable.add(key(node.snapshot));
          grew = true;
        }
      }
    }
    const stuck = REACHABLE.filter((n) => !closable.has(key(n.snapshot))).map((n) => JSON.stringify(n.snapshot.value));
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
    const atVerification = replayCase(history(INPUT, PATH_TO.get('open.procedure.verification')!));
    expect(allowedEvents(atVerification)).toEqual([{ type: 'VERIFICATION_COMPLETED' }]);
    expect(stepCase(atVerification, { type: 'PLAN_APPROVED', at: '2026-03-03T00:00:00.000Z' })).toBeNull();
  });
});

describe('which referrals a case needs', () => {
  const base: CaseContext = {
    receivedAt: INPUT.receivedAt,
    childAgeYears: 14,
    category: 'at_risk',
    classification: null,
    findings: {},
    additionalReferrals: [],
    referrals: {},
    separation: null,
    reviews: 0,
    closure: null,
    reopenings: 0,
  };

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
    const path = PATH_TO.get('open.procedure.planApproval')!;
    const atApproval = replayCase(history({ ...INPUT, findings: { employerInvolved: true, employerSector: 'agriculture' } }, path));
    const approved = stepCase(atApproval, { type: 'PLAN_APPROVED', at: '2026-03-10T00:00:00.000Z' })!;
    expect(approved.snapshot.context.referrals.labourInspection?.to).toEqual(['AGRICULTURE', 'LABOUR_SOCIAL']);
    expect(approved.tasks.opened).toContain('open.labourInspection.pending');
  });
});
