import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { Task } from '../tasks/task.entity';
import { AlertAcknowledgement } from './alert-acknowledgement.entity';
import { Alert } from './alert.entity';

export interface AlertRow {
  alert: Alert;
  caseNumber: string;
  taskOpen: boolean;
  /** The officer who has claimed the step, if one has. */
  assignee: string | null;
  /** The reading agency's own acknowledgement, if it made one. */
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

/** The alerts one agency watches (it owes the step, leads, or coordinates), in one commune or all. */
export interface WatchedAlerts {
  agencyId: string;
  communeCode?: string;
}

/** A place in the alerts, in (raised at, id) order. */
export interface AlertPlace {
  raisedAt: number;
  alertId: string;
}

/** The queries on alerts and their acknowledgements, run with the manager of a unit of work. */
@Injectable()
export class AlertsRepository {
  /** One alert per task and rung: a rung raised already (by a restart, or another instance) is left as it is. */
  async insert(manager: EntityManager, alerts: Alert[]): Promise<void> {
    await manager.createQueryBuilder().insert().into(Alert).values(alerts).orIgnore().execute();
  }

  async page(manager: EntityManager, watched: WatchedAlerts, state: 'open' | 'acknowledged' | 'all', offset: number, limit: number): Promise<{ rows: AlertRow[]; total: number }> {
    const builder = this.watched(manager, watched);
    if (state === 'open') builder.andWhere("k.alert_id IS NULL AND t.status = 'open'");
    if (state === 'acknowledged') builder.andWhere('k.alert_id IS NOT NULL');
    const total = await builder.getCount();
    const rows = await this.fetch(builder.orderBy('a.raised_at', 'DESC').addOrderBy('a.id', 'ASC').offset(offset).limit(limit));
    return { rows, total };
  }

  /** One alert as the reading agency sees it (its own acknowledgement), whoever watches it. */
  async one(manager: EntityManager, readingAgencyId: string, id: string): Promise<AlertRow | undefined> {
    const [row] = await this.fetch(this.rows(manager, readingAgencyId).where('a.id = :id', { id }));
    return row;
  }

  /** The next `limit` watched alerts after `place`. */
  after(manager: EntityManager, watched: WatchedAlerts, place: AlertPlace, limit: number): Promise<AlertRow[]> {
    return this.fetch(
      this.watched(manager, watched)
        .andWhere('(a.raised_at > :at OR (a.raised_at = :at AND a.id > :id))', { at: new Date(place.raisedAt), id: place.alertId })
        .orderBy('a.raised_at', 'ASC')
        .addOrderBy('a.id', 'ASC')
        .limit(limit),
    );
  }

  /** The ids of the watched alerts raised at or after `since`. */
  async idsSince(manager: EntityManager, watched: WatchedAlerts, since: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.watched(manager, watched).select('a.id', 'id').andWhere('a.raised_at >= :since', { since: new Date(since) }).getRawMany();
    return rows.map((row) => row.id);
  }

  byIds(manager: EntityManager, watched: WatchedAlerts, ids: string[]): Promise<AlertRow[]> {
    return this.fetch(this.watched(manager, watched).andWhere('a.id IN (:...ids)', { ids }));
  }

  async acknowledge(manager: EntityManager, acknowledgement: AlertAcknowledgement): Promise<void> {
    await manager.createQueryBuilder().insert().into(AlertAcknowledgement).values(acknowledgement).orIgnore().execute();
  }

  private watched(manager: EntityManager, { agencyId, communeCode }: WatchedAlerts) {
    const builder = this.rows(manager, agencyId).where('(a.agency_id = :agencyId OR a.lead_agency_id = :agencyId OR a.coordinator_agency_id = :agencyId)', { agencyId });
    return communeCode ? builder.andWhere('a.commune_code = :communeCode', { communeCode }) : builder;
  }

  /** Alerts with their case number, whether the step still waits, and the reading agency's acknowledgement. */
  private rows(manager: EntityManager, readingAgencyId: string) {
    return manager
      .createQueryBuilder(Alert, 'a')
      .innerJoin(CaseRecord, 'c', 'c.id = a.case_id')
      .innerJoin(Task, 't', 't.id = a.task_id')
      .leftJoin(AlertAcknowledgement, 'k', 'k.alert_id = a.id AND k.agency_id = :readingAgencyId', { readingAgencyId })
      .select('a')
      .addSelect(['c.case_number AS case_number', 't.status AS task_status', 't.assignee AS task_assignee', 'k.acknowledged_at AS acknowledged_at', 'k.acknowledged_by AS acknowledged_by']);
  }

  private async fetch(builder: ReturnType<AlertsRepository['rows']>): Promise<AlertRow[]> {
    const { entities, raw } = await builder.getRawAndEntities<{
      case_number: string;
      task_status: string;
      task_assignee: string | null;
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
      assignee: raw[i].task_assignee,
      acknowledgedAt: acknowledgedAt(raw[i].acknowledged_at),
      acknowledgedBy: raw[i].acknowledged_by,
    }));
  }
}
