import { Area } from '../agencies/agency-directory';
import { Actor } from '../common/actor.decorator';

export function scopeCovers(scope: Actor['scope'], area: Area): boolean {
  switch (scope.level) {
    case 'national':
      return true;
    case 'province':
      return scope.code === area.provinceCode;
    case 'district':
      return scope.code !== null && scope.code === area.districtCode;
    case 'commune':
      return scope.code === area.communeCode;
  }
}

/**
 * Who may look at a case: an agency that owes or owed one of its steps, the body that received the
 * report, the agencies that manage cases in its area (its lead agency and the province's coordinating
 * body, as the province's chain names them: `managers`), and the people's committee of a commune its
 * scope covers. Administrators manage accounts and agencies, not children's records.
 */
export function mayReadCase(
  actor: Actor,
  record: Area & { receivingAgencyId: string },
  agenciesWithTasks: ReadonlySet<string>,
  managers: ReadonlySet<string>,
): boolean {
  if (!actor.roles.some((role) => role !== 'administrator')) return false;
  if (agenciesWithTasks.has(actor.agencyId) || record.receivingAgencyId === actor.agencyId || managers.has(actor.agencyId)) return true;
  return actor.agencyType === 'COMMUNE_PC' && scopeCovers(actor.scope, record);
}
