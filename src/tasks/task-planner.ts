import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CaseSnapshot, deadlineRule, dueAt, endOfExtension, extendedUntil, WAITING_STEPS } from '../../workflows/case-workflow';
import { CASE_MACHINE_VERSION, TaskOwner } from '../../workflows/case.machine';
import { firstAlertAt } from '../../workflows/escalation';
import { CURRENT_POLICY } from '../../workflows/policy';
import { DomainError } from '../common/domain-error';
import { AgencyDirectory, Area } from '../agencies/agency-directory';
import { CalendarService } from '../calendar/calendar.service';
import { Agency } from '../agencies/agency.entity';
import { Task } from './task.entity';

export interface CaseScope extends Area {
  caseId: string;
  receivingAgencyId: string;
}

/**
 * Turns the steps a transition opened into inbox tasks: who owes each one (routed by agency type
 * to the case's area) and when it is due (the policy table and the working-day calendar).
 */
@Injectable()
export class TaskPlanner {
  constructor(
    private readonly directory: AgencyDirectory,
    private readonly calendar: CalendarService,
  ) {}

  async plan(steps: string[], snapshot: CaseSnapshot, scope: CaseScope, at: Date): Promise<Task[]> {
    const tasks: Task[] = [];
    for (const step of steps) {
      const waiting = WAITING_STEPS.get(step);
      if (!waiting) throw new Error(`No task declared for step ${step}`);
      const { task: meta, referral } = waiting;
      const agency = await this.owner(meta.owner, snapshot, scope);
      const referralClock = referral ? snapshot.context.referrals[referral]?.clockFrom : undefined;
      const calendar = this.calendar.current();
      const extended = extendedUntil(snapshot, waiting);
      const due = extended
        ? endOfExtension(extended, calendar)
        : dueAt(
            deadlineRule(CURRENT_POLICY, meta.deadline),
            { receipt: new Date(snapshot.context.receivedAt), stepStarted: at, referralClock: referralClock ? new Date(referralClock) : null },
            calendar,
          );
      tasks.push(
        Object.assign(new Task(), {
          id: randomUUID(),
          caseId: scope.caseId,
          step,
          action: meta.action,
          referral: referral ?? null,
          agencyId: agency.id,
          role: meta.role,
          communeCode: scope.communeCode,
          dueAt: due,
          status: 'open' as const,
          assignee: null,
          claimedAt: null,
          openedAt: at,
          closedAt: null,
          closedBySeq: null,
          alertLevel: null,
          nextAlertAt: firstAlertAt(at, due, CURRENT_POLICY.escalation),
          machineVersion: CASE_MACHINE_VERSION,
          policyVersion: CURRENT_POLICY.version,
        }),
      );
    }
    return tasks;
  }

  /**
   * The agency that owes a step. The lead agency's own steps, and any step that no agency of the
   * right type serves, go to the lead agency of the area (or the province's coordinating body), so
   * that a person always owns it and it never waits unseen.
   */
  private async owner(owner: TaskOwner, snapshot: CaseSnapshot, scope: CaseScope): Promise<Agency> {
    let agency: Agency | null | undefined = null;
    if ('receivingAgency' in owner) {
      agency = await this.directory.get(scope.receivingAgencyId);
    } else if ('referral' in owner) {
      const referral = snapshot.context.referrals[owner.referral];
      agency = referral?.agencyId ? await this.directory.get(referral.agencyId) : await this.directory.route(referral?.to ?? [], scope);
    } else if ('agencies' in owner) {
      agency = await this.directory.route(owner.agencies, scope);
    }
    agency ??= await this.directory.lead(scope);
    if (!agency) {
      throw new DomainError('NO_AGENCY_IN_AREA', {
        vi: 'Không có cơ quan nào phụ trách địa bàn này; hãy khai báo cơ quan chủ trì trước',
        en: 'No agency serves this area; register its lead agency first',
      });
    }
    return agency;
  }
}
