import { CaseEventType } from './case.machine';
import { AgencyType, Role } from './policy';

/**
 * Events sent to a case directly rather than by doing a task: turning points the commune decides
 * (Decree 56 art. 28, 30) and a reopening. Each names who may send it — agency types, and with
 * `managers` the case's lead agency and coordinating body too; every other event is sent by
 * completing, accepting or declining the task that waits for it.
 */
export const CASE_EVENT_PERMISSIONS: Partial<Record<CaseEventType, { agencies: readonly AgencyType[]; managers?: true; roles: readonly Role[] }>> = {
  PLAN_RETURNED: { agencies: ['COMMUNE_PC'], roles: ['supervisor'] },
  CLOSURE_PROPOSED: { agencies: ['COMMUNE_PC'], roles: ['officer', 'supervisor'] },
  NEW_PLAN_REQUIRED: { agencies: ['COMMUNE_PC'], roles: ['officer', 'supervisor'] },
  CLOSURE_REJECTED: { agencies: ['COMMUNE_PC'], roles: ['supervisor'] },
  REOPENED: { agencies: ['COMMUNE_PC'], managers: true, roles: ['officer', 'supervisor', 'coordinator'] },
};

/** A supervisor may also do an officer's step of their agency; other roles do their own steps. */
export function mayDoStep(roles: readonly Role[], role: Role): boolean {
  return roles.includes(role) || (role === 'officer' && roles.includes('supervisor'));
}
