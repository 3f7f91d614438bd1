import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Brackets, EntityManager, LessThanOrEqual } from 'typeorm';
import { skipLocked } from '../database/locks';
import { entitiesOf, oneOf, selectRows } from '../database/reads';
import { columnFor, insertRows, prepared, setRows, updateRows } from '../database/writes';
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

  /**
   * A page of an agency's open tasks, soonest due first, with how many there are in all, in one
   * statement: the count is a window over the same rows, and the (agency_id, status, due_at) index
   * serves both. A page past the end has no row to carry the count: `total` is null then.
   */
  async inboxPage(manager: EntityManager, query: InboxQuery): Promise<{ rows: InboxRow[]; total: number | null }> {
    const { where, params } = inboxConditions(manager, query);
    const driver = manager.connection.driver;
    const columns = manager.connection.getMetadata(Task).columns.map((c) => `t.${driver.escape(c.databaseName)}`);
    const [limit, offset] = [params.length, params.length + 1].map((i) => driver.createParameter(`p${i}`, i));
    const found: Array<Record<string, unknown>> = await manager.query(
      `SELECT ${columns.join(', ')}, c.case_number AS case_number, c.category AS category, COUNT(*) OVER () AS total
       FROM tasks t JOIN cases c ON c.id = t.case_id WHERE ${where} ORDER BY t.due_at, t.id LIMIT ${limit} OFFSET ${offset}`,
      [...params, query.limit, query.offset],
    );
    const tasks = entitiesOf(manager, Task, found);
    return {
      rows: found.map((row, i) => ({ task: tasks[i], caseNumber: row.case_number as string, category: row.category as string })),
      // node-postgres answers a count (bigint) as text.
      total: found.length > 0 ? Number(found[0].total) : null,
    };
  }

  /**
   * What each agency's inbox holds now, as a stamp: every open task's id and revision, in order.
   * A task's revision grows with every change to its row, so the stamp moves whenever a step of
   * the agency opens, closes or changes, whichever instance or statement made the change; an
   * agency with no open step has none. What else a page shows of a case, its number and category,
   * is set when it opens and never changes. One statement for any number of agencies.
   */
  async inboxStamps(manager: EntityManager, agencyIds: string[]): Promise<Map<string, string>> {
    const wanted = oneOf(manager, 't.agency_id', agencyIds);
    const found: Array<{ agency_id: string; open_tasks: string }> = await manager.query(
      `SELECT t.agency_id AS agency_id, string_agg(t.id || ':' || t.revision, ',' ORDER BY t.id) AS open_tasks
       FROM tasks t WHERE ${wanted.condition} AND t.status = 'open' GROUP BY t.agency_id`,
      [wanted.param],
    );
    return new Map(found.map((row) => [row.agency_id, createHash('sha256').update(row.open_tasks).digest('base64')]));
  }

  /** How many open tasks the inbox holds: for a page past its end. */
  async inboxCount(manager: EntityManager, query: InboxQuery): Promise<number> {
    const { where, params } = inboxConditions(manager, query);
    const [found]: Array<{ total: number | string }> = await manager.query(`SELECT COUNT(*) AS total FROM tasks t WHERE ${where}`, params);
    return Number(found.total);
  }
}

/** The inbox's filters, in the order of its index (agency, open, due) and then the commune. */
function inboxConditions(manager: EntityManager, query: InboxQuery): { where: string; params: unknown[] } {
  const driver = manager.connection.driver;
  const dueAt = columnFor(manager, Task, 'dueAt');
  const params: unknown[] = [];
  const param = (value: unknown) => driver.createParameter(`p${params.length}`, params.push(value) - 1);
  const conditions = [`t.agency_id = ${param(query.agencyId)}`, `t.status = 'open'`];
  if (query.overdueAt) conditions.push(`t.due_at < ${param(prepared(manager, dueAt, query.overdueAt))}`);
  if (query.dueBetween) conditions.push(`t.due_at >= ${param(prepared(manager, dueAt, query.dueBetween[0]))}`, `t.due_at < ${param(prepared(manager, dueAt, query.dueBetween[1]))}`);
  if (query.communeCode) conditions.push(`t.commune_code = ${param(query.communeCode)}`);
  return { where: conditions.join(' AND '), params };
}
