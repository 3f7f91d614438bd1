import { Injectable, MessageEvent } from '@nestjs/common';
import { filter, from, map, mergeMap, Observable } from 'rxjs';
import { EntityManager } from 'typeorm';
import { CURRENT_POLICY } from '../../workflows/policy';
import { stepLabel } from '../../workflows/workflow-versions';
import { AccessDenied } from '../access/access-denied';
import { AgencyDirectory } from '../agencies/agency-directory';
import { AuditTrail } from '../audit/audit-trail';
import { CaseRecord } from '../cases/case.entity';
import { Actor } from '../common/actor.decorator';
import { Clock } from '../common/clock';
import { UnitOfWork } from '../common/unit-of-work';
import { Task } from '../tasks/task.entity';
import { Alert } from './alert.entity';
import { AlertStream } from './alert-stream';
import { AlertDto, AlertPageDto, AlertQueryDto, AlertStreamQueryDto } from './dto/alert.dto';

const ALERT = { vi: 'cảnh báo', en: 'Alert' };
const AGENCY = { vi: 'cơ quan', en: 'Agency' };

interface AlertRow {
  alert: Alert;
  caseNumber: string;
  taskOpen: boolean;
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
      const builder = this.rows(manager).where('(a.agency_id = :agencyId OR a.lead_agency_id = :agencyId)', { agencyId: query.agencyId });
      if (query.communeCode) builder.andWhere('a.commune_code = :communeCode', { communeCode: query.communeCode });
      const state = query.state ?? 'open';
      if (state === 'open') builder.andWhere("a.acknowledged_at IS NULL AND t.status = 'open'");
      if (state === 'acknowledged') builder.andWhere('a.acknowledged_at IS NOT NULL');
      const count = await builder.getCount();
      const found = await this.fetch(builder.orderBy('a.raised_at', 'DESC').addOrderBy('a.id', 'ASC').offset((page - 1) * pageSize).limit(pageSize));
      return { rows: found, total: count };
    });
    return { items: await Promise.all(rows.map((row) => this.toDto(row))), total, page, pageSize };
  }

  async acknowledge(id: string, actor: Actor): Promise<AlertDto> {
    const row = await this.work.write(async (manager) => {
      const [found] = await this.fetch(this.rows(manager).where('a.id = :id', { id }));
      if (!found || (found.alert.agencyId !== actor.agencyId && found.alert.leadAgencyId !== actor.agencyId)) return null;
      await manager
        .createQueryBuilder()
        .update(Alert)
        .set({ acknowledgedAt: this.clock.now(), acknowledgedBy: actor.username })
        .where('id = :id AND acknowledged_at IS NULL', { id })
        .execute();
      await this.audit.append(manager, { actor, action: 'alert.acknowledge', subject: { type: 'alert', id } });
      return (await this.fetch(this.rows(manager).where('a.id = :id', { id })))[0];
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
      filter((alert) => alert.agencyId === query.agencyId || alert.leadAgencyId === query.agencyId),
      filter((alert) => !query.communeCode || alert.communeCode === query.communeCode),
      mergeMap((alert) => from(this.work.read(async (manager) => (await this.fetch(this.rows(manager).where('a.id = :id', { id: alert.id })))[0]))),
      filter((row): row is AlertRow => row !== undefined),
      mergeMap((row) => from(this.toDto(row))),
      map((dto) => ({ type: 'alert', id: dto.id, data: dto })),
    );
  }

  private rows(manager: EntityManager) {
    return manager
      .createQueryBuilder(Alert, 'a')
      .innerJoin(CaseRecord, 'c', 'c.id = a.case_id')
      .innerJoin(Task, 't', 't.id = a.task_id')
      .select('a')
      .addSelect(['c.case_number AS case_number', 't.status AS task_status']);
  }

  private async fetch(builder: ReturnType<AlertsService['rows']>): Promise<AlertRow[]> {
    const { entities, raw } = await builder.getRawAndEntities<{ case_number: string; task_status: string }>();
    return entities.map((alert, i) => ({ alert, caseNumber: raw[i].case_number, taskOpen: raw[i].task_status === 'open' }));
  }

  private async toDto({ alert, caseNumber, taskOpen }: AlertRow): Promise<AlertDto> {
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
      communeCode: alert.communeCode,
      dueAt: alert.dueAt.toISOString(),
      raisedAt: alert.raisedAt.toISOString(),
      acknowledgedAt: alert.acknowledgedAt ? alert.acknowledgedAt.toISOString() : null,
      acknowledgedBy: alert.acknowledgedBy,
      taskOpen,
    };
  }
}
