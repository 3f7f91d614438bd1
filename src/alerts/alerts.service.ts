import { Injectable, MessageEvent } from '@nestjs/common';
import { concatMap, from, map, merge, Observable, of } from 'rxjs';
import { CURRENT_POLICY } from '../../workflows/policy';
import { deadlineRule, WAITING_STEPS } from '../../workflows/case-workflow';
import { stepLabel } from '../../workflows/workflow-versions';
import { AccessDenied } from '../common/access-denied';
import { AgencyDirectory } from '../agencies/agency-directory';
import { AuditTrail } from '../audit/audit-trail';
import { CalendarService } from '../calendar/calendar.service';
import { Actor } from '../common/actor.decorator';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../common/unit-of-work';
import { CaseRepository } from '../cases/case.repository';
import { CaseNotices } from '../mail/case-notices';
import { TasksRepository } from '../tasks/tasks.repository';
import { Alert } from './alert.entity';
import { AlertPlace, AlertRow, AlertsRepository } from './alerts.repository';
import { AlertStream } from './alert-stream';
import { AlertDto, AlertPageDto, AlertQueryDto, AlertStreamQueryDto } from './dto/alert.dto';

const ALERT = { vi: 'cảnh báo', en: 'Alert' };
/** Longer than any scan's transaction: a scan that started earlier may commit after a later one. */
const LOOK_BACK_MS = 60_000;
const STREAM_PAGE = 500;
const AGENCY = { vi: 'cơ quan', en: 'Agency' };

/** Overdue alerts for supervisors: listed by agency and commune, acknowledged, followed live. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly alerts: AlertsRepository,
    private readonly directory: AgencyDirectory,
    private readonly stream: AlertStream,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly cases: CaseRepository,
    private readonly tasks: TasksRepository,
    private readonly notices: CaseNotices,
    private readonly calendar: CalendarService,
  ) {}

  async list(query: AlertQueryDto, actor: Actor): Promise<AlertPageDto> {
    this.ownAgency(query.agencyId, actor);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { rows, total } = await this.work.read((manager) =>
      this.alerts.page(manager, query, query.state ?? 'open', (page - 1) * pageSize, pageSize),
    );
    return { items: await Promise.all(rows.map((row) => this.toDto(row))), total, page, pageSize, now: this.clock.now().toISOString() };
  }

  /** A supervisor's "seen" for their own agency only; the other agency watching the alert still has it open. */
  async acknowledge(id: string, actor: Actor): Promise<AlertDto> {
    const row = await this.work.write(async (manager) => {
      const found = await this.alerts.one(manager, actor.agencyId, id);
      if (!found || !watches(found.alert, actor.agencyId)) return null;
      if (found.acknowledgedAt) return found;
      const acknowledgement = { alertId: id, agencyId: actor.agencyId, acknowledgedAt: this.clock.now(), acknowledgedBy: actor.username };
      await this.alerts.acknowledge(manager, acknowledgement);
      await this.audit.append(manager, { actor, action: 'alert.acknowledge', subject: { type: 'alert', id } });
      return { ...found, acknowledgedAt: acknowledgement.acknowledgedAt, acknowledgedBy: acknowledgement.acknowledgedBy };
    });
    if (!row) throw new AccessDenied(ALERT, { type: 'alert', id });
    return this.toDto(row);
  }

  /**
   * The lead or coordinating agency reminds the agency that owes a late step: one e-mail to it, at
   * most once an hour for a step (409 after that), recorded in the audit trail.
   */
  async remind(id: string, actor: Actor): Promise<AlertDto> {
    const now = this.clock.now();
    const row = await this.work.write(async (manager) => {
      const found = await this.alerts.one(manager, actor.agencyId, id);
      if (!found || !watches(found.alert, actor.agencyId)) return null;
      const task = await this.tasks.findById(manager, found.alert.taskId);
      const record = await this.cases.findById(manager, found.alert.caseId);
      if (!task || task.status !== 'open' || !record) {
        throw new DomainError('TASK_CLOSED', { vi: 'Bước này đã được xử lý, không cần nhắc', en: 'This step has been dealt with: there is nothing to remind' });
      }
      if (!(await this.notices.stepReminder(manager, record, task, (await this.directory.get(actor.agencyId)) ?? null, now))) {
        throw new DomainError('CONFLICT', { vi: 'Bước này vừa được nhắc trong giờ này; hãy đợi trước khi nhắc lại', en: 'This step was reminded within this hour; wait before reminding again' });
      }
      await this.audit.append(manager, { actor, action: 'alert.remind', subject: { type: 'alert', id } });
      return found;
    });
    if (!row) throw new AccessDenied(ALERT, { type: 'alert', id });
    return this.toDto(row);
  }

  private ownAgency(agencyId: string, actor: Actor): void {
    if (agencyId !== actor.agencyId) throw new AccessDenied(AGENCY, { type: 'agency', id: agencyId });
  }

  /**
   * Server-sent events: each alert for the agency (and commune) as it is raised, on any instance.
   * Every wake-up reads what is new from the table, looking back a little (a scan on another
   * instance may commit after a later one), and sends each alert once per connection. The event's
   * id is its place (`<raised at, ms>:<alert>`): a client that reconnects with it as Last-Event-ID
   * gets every alert since, the few just before it perhaps again (same `data.id`).
   */
  follow(query: AlertStreamQueryDto, actor: Actor, lastEventId?: string): Observable<MessageEvent> {
    this.ownAgency(query.agencyId, actor);
    const resumeAt = placeOf(lastEventId);
    // The last alert sent, in (raised at, id) order; nothing before `floor` is ever sent.
    let cursor: AlertPlace = resumeAt ?? { raisedAt: this.clock.now().getTime(), alertId: '' };
    const floor = resumeAt ? resumeAt.raisedAt - LOOK_BACK_MS : cursor.raisedAt;
    const sent = new Map<string, number>(resumeAt ? [[resumeAt.alertId, resumeAt.raisedAt]] : []);
    const keep = (rows: AlertRow[]): AlertRow[] => {
      const unsent = rows.filter((row) => !sent.has(row.alert.id));
      for (const row of unsent) sent.set(row.alert.id, row.alert.raisedAt.getTime());
      return unsent;
    };
    const look = async (): Promise<AlertRow[]> => {
      const fresh: AlertRow[] = [];
      for (;;) {
        const after = cursor;
        const page = await this.work.read((manager) => this.alerts.after(manager, query, after, STREAM_PAGE));
        if (page.length > 0) {
          const last = page[page.length - 1].alert;
          cursor = { raisedAt: last.raisedAt.getTime(), alertId: last.id };
          fresh.push(...keep(page));
        }
        if (page.length < STREAM_PAGE) break;
      }
      // A scan on another instance may commit after a later one: look again just behind the cursor.
      const since = Math.max(floor, cursor.raisedAt - LOOK_BACK_MS);
      const missed = (await this.work.read((manager) => this.alerts.idsSince(manager, query, since))).filter((id) => !sent.has(id));
      for (let i = 0; i < missed.length; i += STREAM_PAGE) {
        const ids = missed.slice(i, i + STREAM_PAGE);
        fresh.push(...keep(await this.work.read((manager) => this.alerts.byIds(manager, query, ids))));
      }
      for (const [id, at] of sent) if (at < since) sent.delete(id);
      return fresh;
    };
    return merge(of(null), this.stream.wakeUps).pipe(
      concatMap(() => from(look())),
      concatMap((rows) => from(Promise.all(rows.map((row) => this.toDto(row))))),
      concatMap((dtos) => from(dtos)),
      map((dto) => ({ type: 'alert', id: `${Date.parse(dto.raisedAt)}:${dto.id}`, data: dto })),
    );
  }

  private async toDto({ alert, caseNumber, taskOpen, assignee, acknowledgedAt, acknowledgedBy }: AlertRow): Promise<AlertDto> {
    const agency = await this.directory.get(alert.agencyId);
    const rung = CURRENT_POLICY.escalation.find((r) => r.level === alert.level);
    const waiting = WAITING_STEPS.get(alert.step);
    const workingDays = waiting !== undefined && 'workingDays' in deadlineRule(CURRENT_POLICY, waiting.task.deadline);
    return {
      id: alert.id,
      caseId: alert.caseId,
      caseNumber,
      taskId: alert.taskId,
      step: alert.step,
      stepLabel: stepLabel(alert.step),
      level: alert.level,
      levelLabel: rung?.label ?? { vi: alert.level, en: alert.level },
      agencyId: alert.agencyId,
      agencyName: agency ? { vi: agency.nameVi, en: agency.nameEn } : null,
      leadAgencyId: alert.leadAgencyId,
      coordinatorAgencyId: alert.coordinatorAgencyId,
      communeCode: alert.communeCode,
      dueAt: alert.dueAt.toISOString(),
      lateness: taskOpen ? this.calendar.current().lateness(alert.dueAt, this.clock.now(), workingDays) : null,
      raisedAt: alert.raisedAt.toISOString(),
      acknowledgedAt: acknowledgedAt ? acknowledgedAt.toISOString() : null,
      acknowledgedBy,
      taskOpen,
      assignee,
    };
  }
}

/** The agencies that see an alert: the one that owes the step, the lead agency, the province's coordinating body. */
function watches(alert: Alert, agencyId: string): boolean {
  return alert.agencyId === agencyId || alert.leadAgencyId === agencyId || alert.coordinatorAgencyId === agencyId;
}

/** The place of a stream event, from its id `<raised at, ms>:<alert id>`; anything else is no place. */
function placeOf(eventId: string | undefined): AlertPlace | null {
  const match = /^(\d{1,15}):([0-9a-f-]{36})$/.exec(eventId ?? '');
  return match ? { raisedAt: Number(match[1]), alertId: match[2] } : null;
}
