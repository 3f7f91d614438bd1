import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, LessThanOrEqual } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { skipLocked } from '../database/locks';
import { selectRows } from '../database/reads';
import { insertRows, setRows, updateRows } from '../database/writes';
import { Task } from './task.entity';

export interface InboxQuery {
  agencyId: string;
  overdueAt?: Date;
  dueBetween?: [Date, Date];
  communeCode?: string;
  offset: number;
  limit: number;
}

export interface InboxRow {
  task: Task;
  caseNumber: string;
  category: string;
}

@Injectable()
export class TasksRepository {
  findById(manager: EntityManager, id: string): Promise<Task | null> {
    return manager.findOneBy(Task, { id });
  }

  /**
   * Waiting steps whose next alert moment has passed, soonest first (an indexed range on
   * `next_alert_at`). On PostgreSQL they stay locked until the scan's transaction ends and rows
   * another instance holds are skipped, so that two scanners never raise the same rung.
   */
  dueForAlerts(manager: EntityManager, now: Date, limit: number): Promise<Task[]> {
    return manager.find(Task, {
      where: { status: 'open', nextAlertAt: LessThanOrEqual(now) },
      order: { nextAlertAt: 'ASC' },
      take: limit,
      ...skipLocked(manager),
    });
  }

  async moveAlertLadder(manager: EntityManager, id: string, change: Pick<Task, 'alertLevel' | 'nextAlertAt'>): Promise<void> {
    await setRows(manager, Task, { set: change, where: { id } });
  }

  forCase(manager: EntityManager, caseId: string): Promise<Task[]> {
    return selectRows(manager, Task, { where: { caseId }, orderBy: ['openedAt', 'step'] });
  }

  /** Every agency that owes or owed a step of the case. */
  async agenciesOf(manager: EntityManager, caseId: string): Promise<string[]> {
    const rows: Array<{ agency_id: string }> = await manager
      .createQueryBuilder(Task, 't')
      .select('DISTINCT t.agency_id', 'agency_id')
      .where('t.case_id = :caseId', { caseId })
      .getRawMany();
    return rows.map((row) => row.agency_id);
  }

  async insert(manager: EntityManager, tasks: Task[]): Promise<void> {
    if (tasks.length > 0) await insertRows(manager, Task, tasks);
  }

  openForCase(manager: EntityManager, caseId: string): Promise<Task[]> {
    return manager.find(Task, { where: { caseId, status: 'open' } });
  }

  /** Carries an open task on under a newer workflow version's name for its step; its deadline stays. */
  async renameStep(manager: EntityManager, id: string, step: string, machineVersion: number): Promise<void> {
    await setRows(manager, Task, { set: { step, machineVersion }, where: { id } });
  }

  /** Closes the open tasks of the steps the case has left, in one statement. */
  async closeSteps(manager: EntityManager, caseId: string, steps: string[], at: Date, seq: number): Promise<void> {
    if (steps.length === 0) return;
    await setRows(manager, Task, { set: { status: 'done', closedAt: at, closedBySeq: seq }, where: { caseId, status: 'open', step: steps } });
  }

  /** Claims an open task for an officer: true when it was free or already theirs. */
  async claim(manager: EntityManager, id: string, assignee: string, at: Date): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(Task)
      .set({ assignee, claimedAt: at })
      .where('id = :id AND status = :open', { id, open: 'open' })
      .andWhere(new Brackets((q) => q.where('assignee IS NULL').orWhere('assignee = :assignee', { assignee })))
      .execute();
    return result.affected === 1;
  }

  /** Gives an open task to an officer, whoever held it before: true when it was still open. */
  async assign(manager: EntityManager, id: string, assignee: string, at: Date): Promise<boolean> {
    return (await updateRows(manager, Task, { set: { assignee, claimedAt: at }, where: { id, status: 'open' } })) === 1;
  }

  /** Gives a claimed open task back to its agency: any claim when `by` is null (a supervisor), else only `by`'s own. */
  async release(manager: EntityManager, id: string, by: string | null): Promise<boolean> {
    const builder = manager
      .createQueryBuilder()
      .update(Task)
      .set({ assignee: null, claimedAt: null })
      .where('id = :id AND status = :open AND assignee IS NOT NULL', { id, open: 'open' });
    if (by !== null) builder.andWhere('assignee = :by', { by });
    return (await builder.execute()).affected === 1;
  }

  /** An agency's open tasks, soonest due first; served by the (agency_id, status, due_at) index. */
  async inbox(manager: EntityManager, query: InboxQuery): Promise<{ rows: InboxRow[]; total: number }> {
    const builder = manager
      .createQueryBuilder(Task, 't')
      .innerJoin(CaseRecord, 'c', 'c.id = t.case_id')
      .select('t')
      .addSelect(['c.case_number AS case_number', 'c.category AS category'])
      .where('t.agency_id = :agencyId AND t.status = :open', { agencyId: query.agencyId, open: 'open' });
    if (query.overdueAt) builder.andWhere('t.due_at < :overdueAt', { overdueAt: query.overdueAt });
    if (query.dueBetween) {
      builder.andWhere('t.due_at >= :from AND t.due_at < :to', { from: query.dueBetween[0], to: query.dueBetween[1] });
    }
    if (query.communeCode) builder.andWhere('t.commune_code = :communeCode', { communeCode: query.communeCode });
    const total = await builder.getCount();
    const { entities, raw } = await builder
      .orderBy('t.due_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .offset(query.offset)
      .limit(query.limit)
      .getRawAndEntities<{ case_number: string; category: string }>();
    return {
      rows: entities.map((task, i) => ({ task, caseNumber: raw[i].case_number, category: raw[i].category })),
      total,
    };
  }
}

