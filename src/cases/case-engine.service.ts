import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  allowedEvents,
  CASE_OPENED,
  CaseEventBody,
  DUPLICATE_REVIEWED,
  REPORT_LINKED,
  caseStatus,
  CaseSnapshot,
  isKnownState,
  openSteps,
  persistCase,
  restoreCase,
  startCase,
  stepCase,
  WAITING_STEPS,
  WORKFLOW_MIGRATED,
} from '../../workflows/case-workflow';
import { applyFactChange, factChange, openingFacts, ReferralStep } from '../../workflows/case-facts';
import { childProfile } from '../../workflows/duplicate-reports';
import { CASE_MACHINE_VERSION, CaseEvent, CaseInput, extensionWindow } from '../../workflows/case.machine';
import { localDate } from '../../workflows/calendar';
import { CURRENT_POLICY } from '../../workflows/policy';
import { CaseMigrationError, migrateToCurrent } from '../../workflows/workflow-versions';
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
import { CaseFactsRepository, openingFactsOf } from './case-facts.repository';
import { CaseRecord } from './case.entity';
import { CaseRepository } from './case.repository';
import { ChildProfilesRepository } from './child-profiles.repository';
import { reportedChildOf } from './duplicate-reports.service';

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
  /** True when the report was added to an existing case instead of opening one. */
  linked: boolean;
}

/** A candidate the operator weighed at intake, by case and score only. */
export interface ReviewedCandidate {
  caseId: string;
  caseNumber: string;
  score: number;
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

function referralSteps(tasks: readonly Task[]): ReferralStep[] {
  return tasks.flatMap((task) => (task.referral ? [{ referral: task.referral as ReferralStep['referral'], dueAt: task.dueAt.getTime() }] : []));
}

/** Who a change is recorded against: a signed-in person, or the service itself in a batch migration. */
export type Recorder = Pick<Actor, 'id' | 'username'> & { agencyId: string | null };

export const SERVICE_RECORDER: Recorder = { id: 'system', username: 'system', agencyId: null };

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
    private readonly facts: CaseFactsRepository,
    private readonly profiles: ChildProfilesRepository,
    private readonly tasks: TasksRepository,
    private readonly planner: TaskPlanner,
    private readonly directory: AgencyDirectory,
    private readonly notices: CaseNotices,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /**
   * Opens a case for a report. `reviewed` are the likely duplicates the operator found to be other
   * children: the decision is the case's second history line and an audit line.
   */
  async open(intake: CaseIntake, input: CaseInput, receivingAgencyId: string, actor: Actor, reviewed: ReviewedCandidate[] = []): Promise<OpenedCase> {
    // Everything that needs no database is made before the unit: the writer waits only for statements.
    const now = this.clock.now();
    const { snapshot, tasks: steps } = startCase(input);
    const year = Number(localDate(new Date(intake.receivedAt)).slice(0, 4));
    const record = Object.assign(new CaseRecord(), {
      id: randomUUID(),
      provinceCode: intake.location.provinceCode,
      districtCode: intake.location.districtCode,
      communeCode: intake.location.communeCode,
      receivingAgencyId,
      receivedAt: new Date(intake.receivedAt),
      channel: intake.channel,
      category: intake.category,
      intake,
      status: caseStatus(snapshot),
      snapshot: persistCase(snapshot),
      machineVersion: CASE_MACHINE_VERSION,
      policyVersion: CURRENT_POLICY.version,
      version: reviewed.length > 0 ? 2 : 1,
      openedAt: now,
      updatedAt: now,
      closedAt: null,
    });
    const profile = childProfile(reportedChildOf(intake));
    const tasks = await this.planner.plan(steps.opened, snapshot, scopeOf(record), now);
    // Signs reported with the call count from the receipt, not from when the report was typed in.
    const change = factChange({ type: CASE_OPENED }, record.receivedAt, snapshot.context, record.status, referralSteps(tasks), []);
    const facts = applyFactChange(openingFacts(openingFactsOf(record, input.childAgeYears)), change);
    record.caseNumber = this.cases.provisionalNumber(record.id);
    const numbering = await this.work.write(async (manager) => {
      await this.cases.insert(manager, record);
      // The opening line holds the statechart's input only: the child's identity stays on the case row.
      await this.cases.appendEvent(manager, { caseId: record.id, seq: 1, type: CASE_OPENED, payload: { ...input }, actor: actor.username, at: now });
      await this.audit.append(manager, { actor, action: 'case.open', subject: { type: 'case', id: record.id } });
      if (reviewed.length > 0) {
        await this.cases.appendEvent(manager, { caseId: record.id, seq: 2, type: DUPLICATE_REVIEWED, payload: { type: DUPLICATE_REVIEWED, notDuplicateOf: reviewed }, actor: actor.username, at: now });
        await this.audit.append(manager, {
          actor,
          action: 'case.duplicate_reviewed',
          subject: { type: 'case', id: record.id },
          detail: { notDuplicateOf: reviewed.map((c) => c.caseNumber).join(',') },
        });
      }
      await this.profiles.insert(manager, record.id, 1, profile);
      await this.tasks.insert(manager, tasks);
      await this.facts.insert(manager, facts);
      // Last, because the province's counter stays locked until commit; the notices name the number.
      const numbering = await this.cases.numberCase(manager, record, year);
      if (numbering.known) record.caseNumber = numbering.known;
      await this.notices.tasksOpened(manager, record, tasks, numbering.known === null);
      return numbering;
    });
    return { id: record.id, caseNumber: numbering.known ?? (await numbering.taken()), linked: false };
  }

  /**
   * Adds a second report of a child to the case already about them: a history line holding the
   * report, the report's profile (so that a third report finds the case by what this one said), an
   * audit line, and a notice to every agency working on the case. No case is opened, so the child
   * counts once in the reports.
   */
  linkReport(caseId: string, intake: CaseIntake, candidate: ReviewedCandidate, actor: Actor): Promise<OpenedCase> {
    return this.work.write(async (manager) => {
      const found = await this.cases.findForChange(manager, caseId);
      if (!found) throw DomainError.notFound(CASE);
      const record = await this.upgrade(manager, found, actor);
      const now = this.clock.now();
      const seq = record.version + 1;
      const change = { snapshot: record.snapshot, status: record.status, updatedAt: now, closedAt: record.closedAt };
      if (!(await this.cases.update(manager, record.id, record.version, change))) throw this.versionConflict(record.version);
      await this.cases.appendEvent(manager, { caseId, seq, type: REPORT_LINKED, payload: { type: REPORT_LINKED, report: intake, score: candidate.score }, actor: actor.username, at: now });
      await this.audit.append(manager, { actor, action: 'case.report_linked', subject: { type: 'case', id: caseId }, detail: { score: candidate.score } });
      await this.profiles.insert(manager, caseId, seq, childProfile(reportedChildOf(intake)));
      await this.notices.reportLinked(manager, record, seq, (await this.tasks.openForCase(manager, caseId)).map((task) => task.agencyId));
      return { id: record.id, caseNumber: record.caseNumber, linked: true };
    });
  }

  apply(caseId: string, body: CaseEventBody, actor: Actor, options: ApplyOptions = {}): Promise<CaseRecord> {
    return this.work.write(async (manager) => {
      const found = await this.cases.findForChange(manager, caseId);
      if (!found) throw DomainError.notFound(CASE);
      const record = await this.upgrade(manager, found, actor);
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
        status: caseStatus(step.snapshot),
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
      const opened = await this.openTasks(manager, record, step.tasks.opened, step.snapshot, now);
      const closedReferrals = step.tasks.closed.flatMap((closed) => WAITING_STEPS.get(closed)?.referral ?? []);
      await this.facts.change(manager, caseId, factChange(event, now, step.snapshot.context, change.status, referralSteps(opened), closedReferrals));
      const closure = step.snapshot.context.closure;
      if (closure && !snapshot.context.closure) await this.notices.caseClosed(manager, record, seq, closure.reason === 'unfounded');
      return Object.assign(record, change, { version: seq });
    });
  }

  /**
   * Brings a case stored by an older workflow version to the current one inside the caller's
   * transaction: the checked, migrated snapshot with a version bump, a history line holding it (the
   * checkpoint replays start from) and an audit line. Open tasks carry on under their new names with
   * their deadlines; steps the new version opens at once (a crime report for the police) open now.
   */
  async upgrade(manager: EntityManager, record: CaseRecord, by: Recorder): Promise<CaseRecord> {
    if (record.machineVersion === CASE_MACHINE_VERSION) return record;
    const now = this.clock.now();
    let migration;
    try {
      migration = migrateToCurrent(record.machineVersion, record.snapshot, now.toISOString());
    } catch (error) {
      if (error instanceof CaseMigrationError) throw this.notMigratable(record, error.message);
      throw error;
    }
    const snapshot = restoreCase(migration.persisted);
    const seq = record.version + 1;
    const change = { snapshot: migration.persisted, machineVersion: CASE_MACHINE_VERSION, status: caseStatus(snapshot), updatedAt: now, closedAt: record.closedAt };
    if (!(await this.cases.update(manager, record.id, record.version, change))) throw this.versionConflict(record.version);
    const payload = { from: record.machineVersion, to: CASE_MACHINE_VERSION, snapshot: migration.persisted };
    await this.cases.appendEvent(manager, { caseId: record.id, seq, type: WORKFLOW_MIGRATED, payload, actor: by.username, at: now });
    await this.audit.append(manager, {
      actor: by,
      action: 'case.migrate',
      subject: { type: 'case', id: record.id },
      detail: { from: record.machineVersion, to: CASE_MACHINE_VERSION },
    });
    const open = new Set(openSteps(snapshot).map((s) => s.step));
    const carried = new Set<string>();
    const left: string[] = [];
    for (const task of await this.tasks.openForCase(manager, record.id)) {
      const step = migration.renamedSteps.get(task.step) ?? task.step;
      if (open.has(step)) {
        await this.tasks.renameStep(manager, task.id, step, CASE_MACHINE_VERSION);
        carried.add(step);
      } else {
        left.push(task.step);
      }
    }
    await this.tasks.closeSteps(manager, record.id, left, now, seq);
    const upgraded = Object.assign(record, change, { version: seq });
    await this.openTasks(manager, upgraded, [...open].filter((step) => !carried.has(step)), snapshot, now);
    return upgraded;
  }

  private async openTasks(manager: EntityManager, record: CaseRecord, steps: string[], snapshot: CaseSnapshot, at: Date): Promise<Task[]> {
    if (steps.length === 0) return [];
    const tasks = await this.planner.plan(steps, snapshot, scopeOf(record), at);
    await this.tasks.insert(manager, tasks);
    await this.notices.tasksOpened(manager, record, tasks);
    return tasks;
  }

  /** The stored snapshot, or a clear refusal naming the case when the statechart does not know its state. */
  restore(record: CaseRecord): CaseSnapshot {
    if (!isKnownState(record.snapshot.value)) throw this.notMigratable(record, `unknown state ${JSON.stringify(record.snapshot.value)}`);
    return restoreCase(record.snapshot);
  }

  private notMigratable(record: CaseRecord, why: string): DomainError {
    return new DomainError(
      'CASE_STATE_UNKNOWN',
      {
        vi: `Hồ sơ ${record.caseNumber} (quy trình phiên bản ${record.machineVersion}) không chuyển được sang phiên bản ${CASE_MACHINE_VERSION}: ${why}. Hãy báo quản trị hệ thống.`,
        en: `Case ${record.caseNumber} (workflow version ${record.machineVersion}) cannot be moved to version ${CASE_MACHINE_VERSION}: ${why}. Tell the system administrator.`,
      },
      { caseNumber: record.caseNumber, machineVersion: record.machineVersion },
    );
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
    const window = extensionWindow(snapshot.context, event);
    if (window && 'until' in event && (event.until < window.earliest || event.until > window.latest)) {
      return new DomainError(
        'EVENT_NOT_ALLOWED',
        {
          vi: `Ngày gia hạn phải từ ${window.earliest} đến ${window.latest} (giới hạn luật định)`,
          en: `The new last day must be from ${window.earliest} to ${window.latest}, the limit the law allows`,
        },
        window,
      );
    }
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
