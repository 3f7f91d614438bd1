/**
 * The case statechart as the engine uses it: start, restore, step and read, without live actors.
 * Everything here is pure so that replaying a case's history always gives the same snapshot.
 */
import { AnyStateNode, getNextTransitions, initialTransition, StateValue, transition } from 'xstate';
import { addPeriod, localDate, WorkingCalendar } from './calendar';
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
import { DeadlineRule, ReferralKind, WorkflowPolicy } from './policy';

/** The history line that marks a case moved to a newer workflow version; its payload holds the result. */
export const WORKFLOW_MIGRATED = 'WORKFLOW_MIGRATED';
export const CASE_OPENED = 'CASE_OPENED';
/** A second report of the child, added to the case instead of opening another. */
export const REPORT_LINKED = 'REPORT_LINKED';
/** The operator found the likely duplicates shown at intake to be other children. */
export const DUPLICATE_REVIEWED = 'DUPLICATE_REVIEWED';
/** History lines that record what people decided about the case without moving its statechart. */
export const HISTORY_NOTES: ReadonlySet<string> = new Set([REPORT_LINKED, DUPLICATE_REVIEWED]);

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

const REFERRAL_EVENTS: readonly CaseEventType[] = [
  'REFERRAL_ACCEPTED',
  'REFERRAL_DECLINED',
  'REFERRAL_REASSIGNED',
  'REFERRAL_EXTENDED',
  'REFERRAL_COMPLETED',
];

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

export interface HistoryLine {
  type: string;
  payload: unknown;
}

/**
 * Rebuilds a case from its history: the opening input and every event after it, in order. A
 * migration line is a checkpoint: the case goes on from the snapshot it recorded.
 */
export function replayCase(history: readonly HistoryLine[]): CaseSnapshot {
  const checkpoint = history.map((line) => line.type).lastIndexOf(WORKFLOW_MIGRATED);
  let snapshot =
    checkpoint >= 0
      ? restoreCase((history[checkpoint].payload as { snapshot: PersistedCase }).snapshot)
      : startCase(history[0].payload as CaseInput).snapshot;
  for (const { type, payload } of history.slice(checkpoint >= 0 ? checkpoint + 1 : 1)) {
    if (HISTORY_NOTES.has(type)) continue;
    const event = payload as CaseEvent;
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

/** Events whose guards check the data they carry (a result, a new last day): no probe can stand for them. */
const DATA_CHECKED: readonly CaseEventType[] = ['REFERRAL_COMPLETED', 'REFERRAL_EXTENDED', 'SEPARATION_EXTENDED'];

/**
 * The events the case accepts now, for error messages and for clients: the transitions of the
 * states it is in whose guards on the case itself hold (a closure waits for every referral).
 */
export function allowedEvents(snapshot: CaseSnapshot): AllowedEvent[] {
  const allowed = new Map<CaseEventType, Set<ReferralKind>>();
  for (const transition of getNextTransitions(snapshot)) {
    const type = transition.eventType as CaseEventType;
    if (!/^[A-Z_]+$/.test(type)) continue;
    const referral = (transition.source.meta as StateMeta | undefined)?.referral;
    const probe = { type, referral, at: snapshot.context.receivedAt } as CaseEvent;
    if (!DATA_CHECKED.includes(type) && !snapshot.can(probe)) continue;
    const referrals = allowed.get(type) ?? new Set<ReferralKind>();
    if (referral && REFERRAL_EVENTS.includes(type)) referrals.add(referral);
    allowed.set(type, referrals);
  }
  return [...allowed].map(([type, referrals]) => (REFERRAL_EVENTS.includes(type) ? { type, referrals: [...referrals] } : { type }));
}

export function isKnownState(value: StateValue): boolean {
  return activeStates(value).every((path) => STATES.has(path));
}

/** What lists and reports call the case's step: `closed`, or where the commune's procedure stands. */
export function caseStatus(snapshot: CaseSnapshot): string {
  const value = snapshot.value as StateValue;
  if (typeof value === 'string') return value;
  const procedure = (value.open as Record<string, StateValue> | undefined)?.procedure;
  return typeof procedure === 'string' ? procedure : Object.keys(value)[0];
}

export function deadlineRule(policy: WorkflowPolicy, ref: DeadlineRef): DeadlineRule {
  if ('step' in ref) return policy.steps[ref.step];
  const rule = policy.referrals[ref.referral][ref.phase];
  return ref.from ? { ...rule, from: ref.from } : rule;
}

/** The last day an extension named for a step, if its deadline was extended. */
export function extendedUntil(snapshot: CaseSnapshot, waiting: WaitingStep): string | null {
  if (!waiting.task.extendedBy) return null;
  if (waiting.referral) return snapshot.context.referrals[waiting.referral]?.extendedUntil ?? null;
  return snapshot.context.separation?.extendedUntil ?? null;
}

/**
 * When a step is due: hour rules run on the clock, working days follow the calendar, and day or
 * month periods end at 24:00 of their last day.
 */
export function dueAt(rule: DeadlineRule, anchors: { receipt: Date; stepStarted: Date; referralClock: Date | null }, calendar: WorkingCalendar): Date {
  const from = rule.from === 'referralClock' ? (anchors.referralClock ?? anchors.stepStarted) : anchors[rule.from];
  if ('hours' in rule) return new Date(from.getTime() + rule.hours * 3_600_000);
  if ('workingDays' in rule) return calendar.addWorkingDays(from, rule.workingDays);
  const last = addPeriod(localDate(from), rule);
  return calendar.endOfDay(last, 'nextWorkingDay' in rule && rule.nextWorkingDay === true);
}

/** The due time of an extended step: the end of the day the extension named. */
export function endOfExtension(until: string, calendar: WorkingCalendar): Date {
  return calendar.endOfDay(until, false);
}
