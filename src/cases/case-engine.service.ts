import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  allowedEvents,
  CaseEventBody,
  CaseSnapshot,
  isKnownState,
  persistCase,
  restoreCase,
  startCase,
  stepCase,
} from '../../workflows/case-workflow';
import { CASE_MACHINE_VERSION, CaseEvent, CaseInput } from '../../workflows/case.machine';
import { localDate } from '../../workflows/calendar';
import { CURRENT_POLICY } from '../../workflows/policy';
import { AgencyDirectory } from '../agencies/agency-directory';
import { AuditTrail } from '../audit/audit-trail';
import { Actor } from '../common/actor.decorator';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../common/unit-of-work';
import { CaseNotices } from '../mail/case-notices';
import { Task } from '../tasks/task.entity';
import { CaseScope, TaskPlanner } from '../tasks/task-planner';
import { TasksRepository } from '../tasks/tasks.repository';
import { CaseIntake } from './case-intake';
import { CaseRecord } from './case.entity';
import { CaseRepository } from './case.repository';

export const CASE_OPENED = 'CASE_OPENED';

const CASE = { vi: 'hồ sơ', en: 'Case' };
const TASK = { vi: 'nhiệm vụ', en: 'Task' };

export interface ApplyOptions {
  expectedVersion?: number;
  /** The inbox task the event acts on; it must still be open, and not claimed by someone else. */
  taskId?: string;
}

export interface OpenedCase {
  id: string;
  caseNumber: string;
}

function scopeOf(record: CaseRecord): CaseScope {
  return {
    caseId: record.id,
    receivingAgencyId: record.receivingAgencyId,
    provinceCode: record.provinceCode,
    districtCode: record.districtCode,
    communeCode: record.communeCode,
  };
}

function topLevelStatus(snapshot: CaseSnapshot): string {
  const value = snapshot.value;
  return typeof value === 'string' ? value : Object.keys(value)[0];
}

/**
 * Applies events to cases durably. Each write is one transaction: read the stored snapshot, compute
 * the next one with the statechart, save it with a version check, append the event to the history,
 * and bring the case's inbox tasks in line with the new state.
 */
@Injectable()
export class CaseEngine {
  constructor(
    private readonly work: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly tasks: TasksRepository,
    private readonly planner: TaskPlanner,
    private readonly directory: AgencyDirectory,
    private readonly notices: CaseNotices,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  open(intake: CaseIntake, input: CaseInput, receivingAgencyId: string, actor: Actor): Promise<OpenedCase> {
    return this.work.write(async (manager) => {
      const now = this.clock.now();
      const { snapshot, tasks } = startCase(input);
      const year = Number(localDate(new Date(intake.receivedAt)).slice(0, 4));
      const record = Object.assign(new CaseRecord(), {
        id: randomUUID(),
        caseNumber: await this.cases.nextCaseNumber(manager, intake.location.provinceCode, year),
        provinceCode: intake.location.provinceCode,
        districtCode: intake.location.districtCode,
        communeCode: intake.location.communeCode,
        receivingAgencyId,
        receivedAt: new Date(intake.receivedAt),
        channel: intake.channel,
        category: intake.category,
        intake,
        status: topLevelStatus(snapshot),
        snapshot: persistCase(snapshot),
        machineVersion: CASE_MACHINE_VERSION,
        policyVersion: CURRENT_POLICY.version,
        version: 1,
        openedAt: now,
        updatedAt: now,
        closedAt: null,
      });
      await this.cases.insert(manager, record);
      // The opening line holds the statechart's input only: the child's identity stays on the case row.
      await this.cases.appendEvent(manager, { caseId: record.id, seq: 1, type: CASE_OPENED, payload: { ...input }, actor: actor.username, at: now });
      await this.audit.append(manager, { actor, action: 'case.open', subject: { type: 'case', id: record.id } });
      await this.openTasks(manager, record, tasks.opened, snapshot, now);
      return { id: record.id, caseNumber: record.caseNumber };
    });
  }

  apply(caseId: string, body: CaseEventBody, actor: Actor, options: ApplyOptions = {}): Promise<CaseRecord> {
    return this.work.write(async (manager) => {
      const record = await this.cases.findById(manager, caseId);
      if (!record) throw DomainError.notFound(CASE);
      if (options.taskId) await this.checkTask(manager, options.taskId, caseId, actor);
      if (options.expectedVersion !== undefined && options.expectedVersion !== record.version) {
        throw this.versionConflict(record.version);
      }
      if (body.type === 'REFERRAL_REASSIGNED') await this.checkAgency(body.agencyId);

      const now = this.clock.now();
      const event = { ...body, at: now.toISOString() } as CaseEvent;
      const snapshot = this.restore(record);
      const step = stepCase(snapshot, event);
      if (!step) throw this.notAccepted(event, snapshot);

      const seq = record.version + 1;
      const change = {
        snapshot: persistCase(step.snapshot),
        status: topLevelStatus(step.snapshot),
        updatedAt: now,
        closedAt: step.snapshot.context.closure ? new Date(step.snapshot.context.closure.at) : null,
      };
      if (!(await this.cases.update(manager, record.id, record.version, change))) throw this.versionConflict(record.version);
      await this.cases.appendEvent(manager, { caseId, seq, type: event.type, payload: { ...event }, actor: actor.username, at: now });
      await this.audit.append(manager, {
        actor,
        action: 'case.event',
        subject: { type: 'case', id: caseId },
        detail: { event: event.type, task: options.taskId ?? null },
      });
      await this.tasks.closeSteps(manager, caseId, step.tasks.closed, now, seq);
      await this.openTasks(manager, record, step.tasks.opened, step.snapshot, now);
      const closure = step.snapshot.context.closure;
      if (closure && !snapshot.context.closure) await this.notices.caseClosed(manager, record, seq, closure.reason === 'unfounded');
      return Object.assign(record, change, { version: seq });
    });
  }

  private async openTasks(manager: EntityManager, record: CaseRecord, steps: string[], snapshot: CaseSnapshot, at: Date): Promise<void> {
    if (steps.length === 0) return;
    const tasks = await this.planner.plan(steps, snapshot, scopeOf(record), at);
    await this.tasks.insert(manager, tasks);
    await this.notices.tasksOpened(manager, record, tasks);
  }

  private restore(record: CaseRecord): CaseSnapshot {
    if (record.machineVersion !== CASE_MACHINE_VERSION || !isKnownState(record.snapshot.value)) {
      throw new DomainError('CASE_STATE_UNKNOWN', {
        vi: `Hồ sơ ${record.caseNumber} lưu theo quy trình phiên bản ${record.machineVersion}, cần chuyển đổi`,
        en: `Case ${record.caseNumber} was stored by workflow version ${record.machineVersion} and needs migrating`,
      });
    }
    return restoreCase(record.snapshot);
  }

  private async checkTask(manager: EntityManager, taskId: string, caseId: string, actor: Actor): Promise<Task> {
    const task = await this.tasks.findById(manager, taskId);
    if (!task || task.caseId !== caseId) throw DomainError.notFound(TASK);
    if (task.status !== 'open') {
      throw new DomainError(
        'TASK_CLOSED',
        { vi: 'Nhiệm vụ này đã được xử lý', en: 'This task has already been dealt with' },
        { closedAt: task.closedAt },
      );
    }
    if (task.assignee && task.assignee !== actor.username) {
      throw new DomainError('TASK_CLAIMED', {
        vi: 'Nhiệm vụ này đã có cán bộ khác nhận xử lý',
        en: 'Another officer has claimed this task',
      });
    }
    return task;
  }

  private async checkAgency(agencyId: string): Promise<void> {
    if (!(await this.directory.get(agencyId))) {
      throw new DomainError('NOT_FOUND', {
        vi: 'Không tìm thấy cơ quan được phân công, hoặc cơ quan đã ngừng hoạt động',
        en: 'The agency to reassign to does not exist or is inactive',
      });
    }
  }

  private versionConflict(current: number): DomainError {
    return new DomainError(
      'VERSION_CONFLICT',
      {
        vi: 'Hồ sơ vừa được người khác cập nhật; hãy tải lại và thử lại',
        en: 'The case was changed by someone else; reload it and try again',
      },
      { currentVersion: current },
    );
  }

  private notAccepted(event: CaseEvent, snapshot: CaseSnapshot): DomainError {
    const allowed = allowedEvents(snapshot);
    const names = allowed.map((a) => (a.referrals ? `${a.type} (${a.referrals.join(', ')})` : a.type)).join(', ') || '—';
    const referral = 'referral' in event ? ` ${event.referral}` : '';
    return new DomainError(
      'EVENT_NOT_ALLOWED',
      {
        vi: `Bước hiện tại không nhận sự kiện ${event.type}${referral}. Sự kiện hợp lệ: ${names}`,
        en: `The case does not accept ${event.type}${referral} now. It accepts: ${names}`,
      },
      { allowedEvents: allowed },
    );
  }
}
