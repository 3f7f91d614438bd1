/**
 * When a waiting step raises its alerts. Pure: the scanner stores `nextAlertAt` on each task and
 * asks, when that moment passes, which rungs of the ladder are now due.
 */
import { AlertLevel, EscalationRung } from './policy';

/** Steps opened after their due time (a reassignment that inherits a passed deadline) still get a scale. */
const MIN_ALLOWED_MS = 60 * 60 * 1000;

export interface AlertMoment {
  rung: EscalationRung;
  at: Date;
}

export function alertMoments(openedAt: Date, dueAt: Date, ladder: readonly EscalationRung[]): AlertMoment[] {
  const allowed = Math.max(dueAt.getTime() - openedAt.getTime(), MIN_ALLOWED_MS);
  return ladder.map((rung) => ({ rung, at: new Date(dueAt.getTime() + rung.at * allowed) }));
}

/** The rungs after `lastLevel` whose moment has come, and when the next one will. */
export function dueAlerts(
  task: { openedAt: Date; dueAt: Date; alertLevel: AlertLevel | null },
  now: Date,
  ladder: readonly EscalationRung[],
): { due: AlertMoment[]; nextAlertAt: Date | null } {
  const moments = alertMoments(task.openedAt, task.dueAt, ladder);
  const passed = task.alertLevel ? moments.findIndex((m) => m.rung.level === task.alertLevel) + 1 : 0;
  const pending = moments.slice(passed);
  const due = pending.filter((m) => m.at.getTime() <= now.getTime());
  const next = pending.find((m) => m.at.getTime() > now.getTime());
  return { due, nextAlertAt: next ? next.at : null };
}

/** When a new task first needs looking at. */
export function firstAlertAt(openedAt: Date, dueAt: Date, ladder: readonly EscalationRung[]): Date | null {
  return alertMoments(openedAt, dueAt, ladder)[0]?.at ?? null;
}
