import { Injectable, MessageEvent } from '@nestjs/common';
import { filter, from, map, mergeMap, Observable } from 'rxjs';
import { EntityManager } from 'typeorm';
import { CURRENT_POLICY } from '../../workflows/policy';
import { stepLabel } from '../../workflows/workflow-versions';
import { AccessDenied } from '../common/access-denied';
import { AgencyDirectory } from '../agencies/agency-directory';
import { AuditTrail } from '../audit/audit-trail';
import { CaseRecord } from '../cases/case.entity';
import { Actor } from '../common/actor.decorator';
import { Clock } from '../common/clock';
import { UnitOfWork } from '../common/unit-of-work';
import { Task } from '../tasks/task.entity';
import { AlertAcknowledgement } from './alert-acknowledgement.entity';
import { Alert } from './alert.entity';
import { AlertStream } from './alert-stream';
import { AlertDto, AlertPageDto, AlertQueryDto, AlertStreamQueryDto } from './dto/alert.dto';

const ALERT = { vi: 'cảnh báo', en: 'Alert' };
const AGENCY = { vi: 'cơ quan', en: 'Agency' };

interface AlertRow {
  alert: Alert;
  caseNumber: string;
  taskOpen: boolean;
  /** The reading agency's own acknowledgement, if it made one. */
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

/** Overdue alerts for supervisors: listed by agency and commune, acknowledged, followed live. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly directory: AgencyDirectory,
    private readonly stream: AlertStream,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async list(query: AlertQueryDto, actor: Actor): Promise<AlertPageDto> {
    this.ownAgency(query.agencyId, actor);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { rows, total } = await this.work.read(async (manager) => {
      const builder = this.rows(manager, query.agencyId).where('(a.agency_id = :agencyId OR a.lead_agency_id = :agencyId OR a.coordinator_agency_id = :agencyId)', {
        agencyId: query.agencyId,
      });
      if (query.communeCode) builder.andWhere('a.commune_code = :communeCode', { communeCode: query.communeCode });
      const state = query.state ?? 'open';
      if (state === 'open') builder.andWhere("k.alert_id IS NULL AND t.status = 'open'");
      if (state === 'acknowledged') builder.andWhere('k.alert_id IS NOT NULL');
      const count = await builder.getCount();
      const found = await this.fetch(builder.orderBy('a.raised_at', 'DESC').addOrderBy('a.id', 'ASC').offset((page - 1) * pageSize).limit(pageSize));
      return { rows: found, total: count };
    });
    return { items: await Promise.all(rows.map((row) => this.toDto(row))), total, page, pageSize };
  }

  /** A supervisor's "seen" for their own agency only; the other agency watching the alert still has it open. */
  async acknowledge(id: string, actor: Actor): Promise<AlertDto> {
    const row = await this.work.write(async (manager) => {
      const [found] = await this.fetch(this.rows(manager, actor.agencyId).where('a.id = :id', { id }));
      if (!found || !watches(found.alert, actor.agencyId)) return null;
      if (found.acknowledgedAt) return found;
      const acknowledgement = { alertId: id, agencyId: actor.agencyId, acknowledgedAt: this.clock.now(), acknowledgedBy: actor.username };
      await manager.createQueryBuilder().insert().into(AlertAcknowledgement).values(acknowledgement).orIgnore().execute();
      await this.audit.append(manager, { actor, action: 'alert.acknowledge', subject: { type: 'alert', id } });
      return { ...found, acknowledgedAt: acknowledgement.acknowledgedAt, acknowledgedBy: acknowledgement.acknowledgedBy };
    });
    if (!row) throw new AccessDenied(ALERT, { type: 'alert', id });
    return this.toDto(row);
  }

  private ownAgency(agencyId: string, actor: Actor): void {
    if (agencyId !== actor.agencyId) throw new AccessDenied(AGENCY, { type: 'agency', id: agencyId });
  }

  /** Server-sent events: each alert for the agency (and commune) as it is raised. */
  follow(query: AlertStreamQueryDto, actor: Actor): Observable<MessageEvent> {
    this.ownAgency(query.agencyId, actor);
    return this.stream.alerts.pipe(
      filter((alert) => watches(alert, query.agencyId)),
      filter((alert) => !query.communeCode || alert.communeCode === query.communeCode),
      mergeMap((alert) =>
        from(this.work.read(async (manager) => (await this.fetch(this.rows(manager, query.agencyId).where('a.id = :id', { id: alert.id })))[0])),
      ),
      filter((row): row is AlertRow => row !== undefined),
      mergeMap((row) => from(this.toDto(row))),
      map((dto) => ({ type: 'alert', id: dto.id, data: dto })),
    );
  }

  /** Alerts with their case number, whether the step still waits, and the reading agency's acknowledgement. */
  private rows(manager: EntityManager, readingAgencyId: string) {
    return manager
      .createQueryBuilder(Alert, 'a')
      .innerJoin(CaseRecord, 'c', 'c.id = a.case_id')
      .innerJoin(Task, 't', 't.id = a.task_id')
      .leftJoin(AlertAcknowledgement, 'k', 'k.alert_id = a.id AND k.agency_id = :readingAgencyId', { readingAgencyId })
      .select('a')
      .addSelect(['c.case_number AS case_number', 't.status AS task_status', 'k.acknowledged_at AS acknowledged_at', 'k.acknowledged_by AS acknowledged_by']);
  }

  private async fetch(builder: ReturnType<AlertsService['rows']>): Promise<AlertRow[]> {
    const { entities, raw } = await builder.getRawAndEntities<{
      case_number: string;
      task_status: string;
      acknowledged_at: string | Date | null;
      acknowledged_by: string | null;
    }>();
    // A raw column comes back as the driver stores it; the entity's column metadata reads it as a Date.
    const column = builder.connection.getMetadata(AlertAcknowledgement).findColumnWithPropertyName('acknowledgedAt')!;
    const acknowledgedAt = (value: string | Date | null): Date | null => (value === null ? null : builder.connection.driver.prepareHydratedValue(value, column));
    return entities.map((alert, i) => ({
      alert,
      caseNumber: raw[i].case_number,
      taskOpen: raw[i].task_status === 'open',
      acknowledgedAt: acknowledgedAt(raw[i].acknowledged_at),
      acknowledgedBy: raw[i].acknowledged_by,
    }));
  }

  private async toDto({ alert, caseNumber, taskOpen, acknowledgedAt, acknowledgedBy }: AlertRow): Promise<AlertDto> {
    const agency = await this.directory.get(alert.agencyId);
    const rung = CURRENT_POLICY.escalation.find((r) => r.level === alert.level);
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
      raisedAt: alert.raisedAt.toISOString(),
      acknowledgedAt: acknowledgedAt ? acknowledgedAt.toISOString() : null,
      acknowledgedBy,
      taskOpen,
    };
  }
}

/** The agencies that see an alert: the one that owes the step, the lead agency, the province's coordinating body. */
function watches(alert: Alert, agencyId: string): boolean {
  return alert.agencyId === agencyId || alert.leadAgencyId === agencyId || alert.coordinatorAgencyId === agencyId;
}
