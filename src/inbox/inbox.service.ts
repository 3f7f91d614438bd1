import { Injectable } from '@nestjs/common';
import { CaseEventBody, WAITING_STEPS } from '../../workflows/case-workflow';
import { localDate, startOfLocalDay } from '../../workflows/calendar';
import { ReferralKind } from '../../workflows/policy';
import { AccessDenied } from '../common/access-denied';
import { mayDoStep } from '../../workflows/case-event-permissions';
import { ROLE_LABELS } from '../../workflows/labels';
import { CasePacket } from '../access/referral-packets';
import { AgencyDirectory } from '../agencies/agency-directory';
import { Agency } from '../agencies/agency.entity';
import { AuditTrail } from '../audit/audit-trail';
import { CaseEngine } from '../cases/case-engine.service';
import { CasesService } from '../cases/cases.service';
import { AssignTaskDto, DeclineTaskDto, ExtendTaskDto, parseEventData, TaskActionDto } from '../cases/dto/case-event.dto';
import { AccountsService } from '../accounts/accounts.service';
import { Actor } from '../common/actor.decorator';
import { lookups } from '../common/batches';
import { Clock } from '../common/clock';
import { frozen, Kept } from '../common/kept';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../common/unit-of-work';
import { AssigneeDto, TaskDto, TaskPageDto } from '../tasks/dto/task.dto';
import { Task } from '../tasks/task.entity';
import { nextOverdueTurn, TaskViews } from '../tasks/task-views';
import { InboxQuery, TasksRepository } from '../tasks/tasks.repository';
import { InboxQueryDto } from './dto/inbox-query.dto';

const TASK = { vi: 'nhiệm vụ', en: 'Task' };
const AGENCY = { vi: 'cơ quan', en: 'Agency' };
const DAY_MS = 24 * 60 * 60 * 1000;

/** Inbox pages kept for the reads that follow (see inbox): one an agency, a commune filter and a page. */
const PAGES_KEPT = 1_000;

interface KeptPage {
  /** What the page was read after (see standing). */
  readAfter: number | string;
  /** The agency as the directory knew it: its name is on every line. */
  agency: Agency;
  page: TaskPageDto;
  /** The clock's time when its overdue marks were worked out, and the next time one of them turns. */
  builtAt: number;
  freshUntil: number;
}

/** A supervisor or coordinator answers for every step of the agency, claimed or not. */
const supervisesAgency = (actor: Actor) => actor.roles.includes('supervisor') || actor.roles.includes('coordinator');

/** An agency's inbox, and what its officers do with a task: claim, accept, decline, complete. */
@Injectable()
export class InboxService {
  private readonly keptPages = new Kept<string, KeptPage>(PAGES_KEPT);
  private readonly inboxStamps = lookups<string, string>((agencyIds) => this.work.readStatement((manager) => this.tasks.inboxStamps(manager, agencyIds)), '');

  constructor(
    private readonly tasks: TasksRepository,
    private readonly views: TaskViews,
    private readonly engine: CaseEngine,
    private readonly cases: CasesService,
    private readonly directory: AgencyDirectory,
    private readonly work: UnitOfWork,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
  ) {}

  /** An agency's own inbox: other agencies' inboxes do not exist for the caller. */
  async inbox(agencyId: string, query: InboxQueryDto, actor: Actor): Promise<TaskPageDto> {
    const agency = agencyId === actor.agencyId ? await this.directory.get(agencyId) : undefined;
    if (!agency) throw new AccessDenied(AGENCY, { type: 'agency', id: agencyId });
    const now = this.clock.now();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    // Officers open the same inbox again and again, and a step changes far less often: while none
    // of the agency's steps can have changed and no overdue mark has turned, the page is answered
    // as it was. A page filtered by the clock (overdue, due today) is read each time.
    const key = query.due === undefined ? `${agencyId}|${query.communeCode ?? ''}|${page}|${pageSize}` : null;
    const kept = key === null ? undefined : this.keptPages.get(key);
    const standing = key === null ? null : await this.standing(agencyId);
    if (kept && kept.agency === agency && kept.builtAt <= now.getTime() && now.getTime() < kept.freshUntil && kept.readAfter === standing) return kept.page;
    const today = startOfLocalDay(localDate(now));
    const inbox: InboxQuery = {
      agencyId,
      overdueAt: query.due === 'overdue' ? now : undefined,
      dueBetween: query.due === 'today' ? [today, new Date(today.getTime() + DAY_MS)] : undefined,
      communeCode: query.communeCode,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    };
    const { rows, total } = await this.work.readStatement((manager) => this.tasks.inboxPage(manager, inbox));
    const views = await this.views.many(rows.map((r) => r.task));
    const built: TaskPageDto = {
      items: views.map((view, i) => ({ ...view, caseNumber: rows[i].caseNumber, category: rows[i].category })),
      total: total ?? (inbox.offset === 0 ? 0 : await this.work.readStatement((manager) => this.tasks.inboxCount(manager, inbox))),
      page,
      pageSize,
    };
    if (key !== null && standing !== null) {
      const freshUntil = nextOverdueTurn(rows.map((r) => r.task), now.getTime());
      this.keptPages.set(key, { readAfter: standing, agency, page: frozen(built), builtAt: now.getTime(), freshUntil });
    }
    return built;
  }

  /**
   * What a kept page stands on, taken before the page is read, so that a change made meanwhile
   * makes the next read read again: the change mark, which costs nothing to ask (see
   * UnitOfWork.changeMark); when it vouches for nothing (PostgreSQL, while this instance may miss a
   * wake-up) the agency's inbox stamp (see TasksRepository.inboxStamps), asked of the database for
   * inboxes read side by side together.
   */
  private async standing(agencyId: string): Promise<number | string> {
    return this.work.changeMark() ?? (await this.inboxStamps.run(agencyId));
  }

  async get(id: string, actor: Actor): Promise<TaskDto> {
    const [view] = await this.views.many([await this.find(id, actor)]);
    return view;
  }

  async claim(id: string, actor: Actor): Promise<TaskDto> {
    await this.doable(await this.find(id, actor), actor);
    const claimed = await this.work.write(async (manager) => {
      const won = await this.tasks.claim(manager, id, actor.username, this.clock.now());
      const task = await this.tasks.findById(manager, id);
      if (!task) throw DomainError.notFound(TASK);
      if (!won) throw this.unavailable(task);
      await this.audit.append(manager, { actor, action: 'task.claim', subject: { type: 'task', id } });
      return task;
    });
    return (await this.views.many([claimed]))[0];
  }

  /**
   * Gives a claimed task back to its agency: the officer who claimed it may, and so may the agency's
   * supervisor (the commune chair), so that no claim can leave a step stuck.
   */
  async release(id: string, actor: Actor): Promise<TaskDto> {
    const found = await this.find(id, actor);
    const supervises = supervisesAgency(actor);
    if (found.assignee !== actor.username) await this.doable(found, actor);
    const released = await this.work.write(async (manager) => {
      const freed = await this.tasks.release(manager, id, supervises ? null : actor.username);
      const task = await this.tasks.findById(manager, id);
      if (!task) throw DomainError.notFound(TASK);
      if (!freed) {
        if (task.status !== 'open') throw this.unavailable(task);
        throw task.assignee === null
          ? new DomainError('CONFLICT', { vi: 'Chưa có ai nhận nhiệm vụ này', en: 'Nobody has claimed this task' })
          : new DomainError('TASK_CLAIMED', { vi: 'Chỉ người đã nhận việc hoặc lãnh đạo cơ quan mới trả việc được', en: 'Only the officer who claimed it, or a supervisor, can give it back' });
      }
      await this.audit.append(manager, { actor, action: 'task.release', subject: { type: 'task', id } });
      return task;
    });
    return (await this.views.many([released]))[0];
  }

  /** Who the agency's supervisor may give the step to: its active accounts whose roles may do it. */
  async assignees(id: string, actor: Actor): Promise<AssigneeDto[]> {
    const task = await this.find(id, actor);
    this.supervising(actor);
    const colleagues = await this.accounts.colleagues(task.agencyId);
    return colleagues.filter((account) => mayDoStep(account.roles, task.role)).map(({ username, displayName }) => ({ username, displayName }));
  }

  /**
   * A supervisor or coordinator gives an open step to one of the agency's officers, taking it from
   * whoever had claimed it: how a late step is moved on when its officer is away.
   */
  async assign(id: string, dto: AssignTaskDto, actor: Actor): Promise<TaskDto> {
    if (!(await this.assignees(id, actor)).some((account) => account.username === dto.username)) {
      throw new DomainError('ACTION_NOT_ALLOWED', {
        vi: `${dto.username} không phải tài khoản đang hoạt động của cơ quan có vai trò làm bước này`,
        en: `${dto.username} is not an active account of the agency with a role that does this step`,
      });
    }
    const assigned = await this.work.write(async (manager) => {
      const open = await this.tasks.assign(manager, id, dto.username, this.clock.now());
      const task = await this.tasks.findById(manager, id);
      if (!task) throw DomainError.notFound(TASK);
      if (!open) throw this.unavailable(task);
      await this.audit.append(manager, { actor, action: 'task.assign', subject: { type: 'task', id }, detail: { assignee: dto.username } });
      return task;
    });
    return (await this.views.many([assigned]))[0];
  }

  async accept(id: string, dto: TaskActionDto, actor: Actor): Promise<CasePacket> {
    const task = await this.doable(await this.find(id, actor), actor);
    if (task.action !== 'accept_referral') throw this.wrongAction(task, 'complete');
    return this.act(task, { type: 'REFERRAL_ACCEPTED', referral: task.referral as ReferralKind }, actor, dto.expectedVersion);
  }

  async decline(id: string, dto: DeclineTaskDto, actor: Actor): Promise<CasePacket> {
    const task = await this.doable(await this.find(id, actor), actor);
    if (task.action !== 'accept_referral') {
      throw new DomainError('ACTION_NOT_ALLOWED', {
        vi: 'Chỉ có thể từ chối một yêu cầu chuyển gửi đang chờ tiếp nhận',
        en: 'Only a referral awaiting acceptance can be declined',
      });
    }
    const body: CaseEventBody = { type: 'REFERRAL_DECLINED', referral: task.referral as ReferralKind, reason: dto.reason, agencyId: task.agencyId };
    return this.act(task, body, actor, dto.expectedVersion);
  }

  async complete(id: string, dto: TaskActionDto, actor: Actor): Promise<CasePacket> {
    const task = await this.doable(await this.find(id, actor), actor);
    if (task.action === 'accept_referral') throw this.wrongAction(task, 'accept');
    const completes = WAITING_STEPS.get(task.step)?.task.completes;
    if (!completes) throw new Error(`No completion declared for step ${task.step}`);
    // The referral a task belongs to is the task's, not the caller's to choose.
    const data = task.referral ? { ...dto.data, referral: task.referral } : dto.data;
    return this.act(task, parseEventData(completes, data), actor, dto.expectedVersion);
  }

  /** Records an extension of the step's deadline that the law allows (for the police, the procuracy's). */
  async extend(id: string, dto: ExtendTaskDto, actor: Actor): Promise<CasePacket> {
    const task = await this.doable(await this.find(id, actor), actor);
    const extendedBy = WAITING_STEPS.get(task.step)?.task.extendedBy;
    if (!extendedBy) {
      throw new DomainError('ACTION_NOT_ALLOWED', {
        vi: 'Thời hạn của bước này không được gia hạn',
        en: 'The deadline of this step cannot be extended',
      });
    }
    const data = { until: dto.until, reason: dto.reason, ...(task.referral ? { referral: task.referral } : {}) };
    return this.act(task, parseEventData(extendedBy, data), actor, dto.expectedVersion);
  }

  private async act(task: Task, body: CaseEventBody, actor: Actor, expectedVersion?: number): Promise<CasePacket> {
    const record = await this.engine.apply(task.caseId, body, actor, { taskId: task.id, expectedVersion });
    return this.cases.packet(record, actor);
  }

  /** A task of the caller's own agency; any other answers as if it did not exist. */
  private async find(id: string, actor: Actor): Promise<Task> {
    const task = await this.work.read((manager) => this.tasks.findById(manager, id));
    if (!task || task.agencyId !== actor.agencyId) throw new AccessDenied(TASK, { type: 'task', id });
    return task;
  }

  private supervising(actor: Actor): void {
    if (!supervisesAgency(actor)) {
      throw new DomainError('FORBIDDEN', { vi: 'Chỉ lãnh đạo hoặc điều phối viên của cơ quan mới giao việc được', en: 'Only a supervisor or coordinator of the agency can assign a step' });
    }
  }

  private async doable(task: Task, actor: Actor): Promise<Task> {
    if (!mayDoStep(actor.roles, task.role)) {
      throw new DomainError('FORBIDDEN', {
        vi: `Bước này dành cho ${ROLE_LABELS[task.role].vi}`,
        en: `This step is for the ${ROLE_LABELS[task.role].en} role`,
      });
    }
    return task;
  }

  private unavailable(task: Task): DomainError {
    return task.status !== 'open'
      ? new DomainError('TASK_CLOSED', { vi: 'Nhiệm vụ này đã được xử lý', en: 'This task has already been dealt with' })
      : new DomainError('TASK_CLAIMED', { vi: 'Nhiệm vụ này đã có cán bộ khác nhận xử lý', en: 'Another officer has claimed this task' });
  }

  private wrongAction(task: Task, use: 'accept' | 'complete'): DomainError {
    return new DomainError('ACTION_NOT_ALLOWED', {
      vi: `Nhiệm vụ ${task.step} dùng thao tác "${use}"`,
      en: `Task ${task.step} is done with "${use}"`,
    });
  }
}
