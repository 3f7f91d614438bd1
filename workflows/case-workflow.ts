/**
 * The case statechart as the engine uses it: start, restore, step and read, without live actors.
 * Everything here is pure so that replaying a case's history always gives the same snapshot.
 */
import { AnyStateNode, getNextTransitions, initialTransition, StateValue, transition } from 'xstate';
import { WorkingCalendar } from './calendar';
import {
  CaseContext,
  CaseEvent,
  CaseEventType,
  CaseInput,
  caseMachine,
  DeadlineRef,
  Label,
  StateMeta,
  TaskMeta,
} from './case.machine';
import { DeadlineRule, REFERRAL_KINDS, ReferralKind, WorkflowPolicy } from './policy';

export type CaseSnapshot = ReturnType<typeof caseMachine.resolveState>;

/** What we store: enough to resolve the snapshot again, and nothing live. */
export interface PersistedCase {
  value: StateValue;
  context: CaseContext;
}

export interface TaskChanges {
  closed: string[];
  opened: string[];
}

export interface Step {
  snapshot: CaseSnapshot;
  tasks: TaskChanges;
}

export interface WaitingStep {
  step: string;
  label: Label;
  task: TaskMeta;
  referral?: ReferralKind;
}

/** Events a client may send; the engine adds `at`. */
export type CaseEventBody = CaseEvent extends infer E ? (E extends CaseEvent ? Omit<E, 'at'> : never) : never;

const REFERRAL_EVENTS: readonly CaseEventType[] = ['REFERRAL_ACCEPTED', 'REFERRAL_DECLINED', 'REFERRAL_REASSIGNED', 'REFERRAL_COMPLETED'];

function stateNodes(node: AnyStateNode = caseMachine.root): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => stateNodes(child))];
}

function stepKey(node: AnyStateNode): string {
  return node.path.join('.');
}

/** Every state of the statechart, keyed by its path (`support.police.pending`), with its meta. */
export const STATES: ReadonlyMap<string, StateMeta> = new Map(
  stateNodes()
    .filter((node) => node.path.length > 0)
    .map((node) => [stepKey(node), node.meta as StateMeta]),
);

/** The steps that wait on a person, each a task in some agency's inbox. */
export const WAITING_STEPS: ReadonlyMap<string, WaitingStep> = new Map(
  [...STATES].flatMap(([step, meta]) =>
    meta.task ? [[step, { step, label: meta.label, task: meta.task, referral: meta.referral }] as const] : [],
  ),
);

function taskChanges(actions: ReadonlyArray<{ type: string; params?: unknown }>): TaskChanges {
  const changes: TaskChanges = { closed: [], opened: [] };
  for (const action of actions) {
    const step = (action.params as { step?: string } | undefined)?.step;
    if (!step) continue;
    if (action.type === 'closeTask') changes.closed.push(step);
    if (action.type === 'openTask') changes.opened.push(step);
  }
  return changes;
}

export function startCase(input: CaseInput): Step {
  const [snapshot, actions] = initialTransition(caseMachine, input);
  return { snapshot, tasks: taskChanges(actions) };
}

export function restoreCase(persisted: PersistedCase): CaseSnapshot {
  return caseMachine.resolveState({ value: persisted.value, context: persisted.context });
}

export function persistCase(snapshot: CaseSnapshot): PersistedCase {
  return { value: snapshot.value, context: snapshot.context };
}

/**
 * Applies one event; `null` when the current state does not accept it. XState answers an event no
 * transition takes with the very same snapshot, and every transition of this chart changes it.
 */
export function stepCase(snapshot: CaseSnapshot, event: CaseEvent): Step | null {
  const [next, actions] = transition(caseMachine, snapshot, event);
  return next === snapshot ? null : { snapshot: next, tasks: taskChanges(actions) };
}

/** Rebuilds a case from its history: the opening input and every event after it, in order. */
export function replayCase(input: CaseInput, events: readonly CaseEvent[]): CaseSnapshot {
  let snapshot = startCase(input).snapshot;
  for (const event of events) {
    const step = stepCase(snapshot, event);
    if (!step) throw new Error(`History does not replay: ${event.type} is not accepted in ${JSON.stringify(snapshot.value)}`);
    snapshot = step.snapshot;
  }
  return snapshot;
}

/** Leaf states the case is in, as paths: `["support.police.pending", "support.health.done"]`. */
export function activeStates(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [`${prefix}${value}`];
  return Object.entries(value).flatMap(([key, child]) => (child ? activeStates(child, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

/** The waiting steps that are open in this state. */
export function openSteps(snapshot: CaseSnapshot): WaitingStep[] {
  return activeStates(snapshot.value).flatMap((step) => {
    const waiting = WAITING_STEPS.get(step);
    return waiting ? [waiting] : [];
  });
}

export interface AllowedEvent {
  type: CaseEventType;
  /** For referral events: the referrals it may name now. */
  referrals?: ReferralKind[];
}

/** The events the case accepts now, for error messages and for clients. */
export function allowedEvents(snapshot: CaseSnapshot): AllowedEvent[] {
  const types = new Set(
    getNextTransitions(snapshot)
      .map((t) => t.eventType)
      .filter((type): type is CaseEventType => /^[A-Z_]+$/.test(type)),
  );
  return [...types].map((type) => {
    if (!REFERRAL_EVENTS.includes(type)) return { type };
    const referrals = REFERRAL_KINDS.filter((referral) =>
      snapshot.can({ type, referral, at: snapshot.context.receivedAt } as CaseEvent),
    );
    return { type, referrals };
  });
}

export function isKnownState(value: StateValue): boolean {
  return activeStates(value).every((path) => STATES.has(path));
}

export function deadlineRule(policy: WorkflowPolicy, ref: DeadlineRef): DeadlineRule {
  if ('step' in ref) return policy.steps[ref.step];
  const rule = policy.referrals[ref.referral][ref.phase];
  return ref.from ? { ...rule, from: ref.from } : rule;
}

/** When a step is due: hour rules run on the clock; working-day rules follow the calendar. */
export function dueAt(
  rule: DeadlineRule,
  anchors: { receipt: Date; stepStarted: Date; referralOpened: Date | null },
  calendar: WorkingCalendar,
): Date {
  const from = rule.from === 'referralOpened' ? (anchors.referralOpened ?? anchors.stepStarted) : anchors[rule.from];
  return 'hours' in rule ? new Date(from.getTime() + rule.hours * 3_600_000) : calendar.addWorkingDays(from, rule.workingDays);
}
