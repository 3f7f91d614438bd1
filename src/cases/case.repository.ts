import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { UnitOfWork } from '../common/unit-of-work';
import { readWithNext, writeAndForget } from '../database/held-writes';
import { ChildRows, oneOf, selectRows, selectWithChildren } from '../database/reads';
import { insertRows, setRows, updateRows } from '../database/writes';
import { PersistedCase } from '../../workflows/case-workflow';
import { Task } from '../tasks/task.entity';
import { CaseEventRecord } from './case-event.entity';
import { CaseRecord } from './case.entity';

/** A case's history in order, and its tasks as they were opened. */
const CASE_CHILDREN: [ChildRows<CaseEventRecord>, ChildRows<Task>] = [
  { entity: CaseEventRecord, parentKey: 'caseId', orderBy: ['seq'] },
  { entity: Task, parentKey: 'caseId', orderBy: ['openedAt', 'step'] },
];

/** A case as one snapshot read it: the record, its history and its tasks. */
export interface WholeCase {
  record: CaseRecord;
  history: CaseEventRecord[];
  tasks: Task[];
}

/**
 * Changes whenever the case or any of its tasks does: its version moves with every event (the
 * only writes to a case or its history), and each task's revision, counted by the database, with
 * every change to that task. Tasks are never deleted, so the count and sum only grow.
 */
export function stampOf({ record, tasks }: Pick<WholeCase, 'record' | 'tasks'>): string {
  return stamp(record.version, tasks.length, tasks.reduce((sum, task) => sum + task.revision, 0));
}

/** node-postgres answers COUNT and SUM (bigint) as text: the stamp is text either way. */
function stamp(version: number, taskCount: number | string, taskRevisions: number | string): string {
  return `${version}:${taskCount}:${taskRevisions}`;
}

/** `12-2026-00042`: the province, the year of the report, and the place in that year's sequence, five digits or more. */
function caseNumber(provinceCode: string, year: number, seq: number): string {
  return `${numberPrefix(provinceCode, year)}${String(seq).padStart(NUMBER_DIGITS, '0')}`;
}

const NUMBER_DIGITS = 5;

function numberPrefix(provinceCode: string, year: number): string {
  return `${provinceCode}-${year}-`;
}

/**
 * PostgreSQL: the province's next number, written on the case, in one statement; the number is
 * formatted as caseNumber formats it (padded, never cut: `test/inbox-and-input.e2e-spec.ts`).
 */
const NUMBER_CASE_IN_DATABASE = `WITH "taken" AS (
    INSERT INTO "case_number_counters" ("province_code", "year", "last_seq") VALUES ($1, $2, 1)
    ON CONFLICT ("province_code", "year") DO UPDATE SET "last_seq" = "case_number_counters"."last_seq" + 1 RETURNING "last_seq")
  UPDATE "cases" SET "case_number" = $3 || lpad("taken"."last_seq"::text, greatest(${NUMBER_DIGITS}, length("taken"."last_seq"::text)), '0')
  FROM "taken" WHERE "cases"."id" = $4 RETURNING "cases"."case_number"`;

/**
 * How an opening case gets its number: known before the unit commits (SQLite's one writer), or
 * written by the unit's last message (PostgreSQL) and `taken` once the unit has committed, the
 * case's provisional number standing for it until then in whatever the unit writes that names it
 * (see Outbox.add).
 */
export type CaseNumbering = { known: string } | { known: null; taken: () => Promise<string> };

export interface CaseUpdate {
  snapshot: PersistedCase;
  machineVersion?: number;
  status: string;
  updatedAt: Date;
  closedAt: Date | null;
}

/** The queries on cases and their history, run with the manager of a unit of work. */
@Injectable()
export class CaseRepository {
  /** SQLite only: the last case number taken per province and year, forgotten when a unit rolls back. */
  private readonly lastNumbers = new Map<string, number>();

  constructor(private readonly work: UnitOfWork) {
    work.onRollback(() => this.lastNumbers.clear());
  }

  async findById(manager: EntityManager, id: string): Promise<CaseRecord | null> {
    const [found] = await selectRows(manager, CaseRecord, { where: { id } });
    return found ?? null;
  }

  /** The case with its history and its tasks, as one snapshot in one statement (see selectWithChildren). */
  async findWhole(manager: EntityManager, id: string): Promise<WholeCase | null> {
    const found = await selectWithChildren<CaseRecord, [CaseEventRecord, Task]>(manager, CaseRecord, id, CASE_CHILDREN);
    if (!found) return null;
    const [history, tasks] = found.children;
    return { record: found.row, history, tasks };
  }

  /**
   * The stamps of these cases as committed now (see stampOf), in one small statement whatever their
   * number, so that reads side by side ask once; a case that does not exist has none.
   */
  async currentStamps(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const wanted = oneOf(manager, 'c.id', ids);
    const found: Array<{ id: string; version: number; task_count: number | string; task_revisions: number | string }> = await manager.query(
      `SELECT c.id AS id, c.version AS version, COUNT(t.id) AS task_count, COALESCE(SUM(t.revision), 0) AS task_revisions
       FROM cases c LEFT JOIN tasks t ON t.case_id = c.id WHERE ${wanted.condition} GROUP BY c.id, c.version`,
      [wanted.param],
    );
    return new Map(found.map((row) => [row.id, stamp(row.version, row.task_count, row.task_revisions)]));
  }

  /**
   * The case for a change. On PostgreSQL the row stays locked until the change commits, so that a
   * concurrent change waits and then decides on what this one left (a task already done answers as
   * such); the version's compare-and-swap still guards the write. SQLite's one writer needs no lock.
   */
  findForChange(manager: EntityManager, id: string): Promise<CaseRecord | null> {
    if (manager.connection.options.type !== 'postgres') return this.findById(manager, id);
    return manager.findOne(CaseRecord, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The number and area of each case, for notices about its steps. */
  async numbersAndAreas(manager: EntityManager, ids: string[]): Promise<Map<string, Pick<CaseRecord, 'id' | 'caseNumber' | 'provinceCode' | 'districtCode' | 'communeCode'>>> {
    const found = await manager.find(CaseRecord, {
      select: { id: true, caseNumber: true, provinceCode: true, districtCode: true, communeCode: true },
      where: { id: In(ids) },
    });
    return new Map(found.map((c) => [c.id, c]));
  }

  history(manager: EntityManager, caseId: string): Promise<CaseEventRecord[]> {
    return selectRows(manager, CaseEventRecord, { where: { caseId }, orderBy: ['seq'] });
  }

  /**
   * Until its number is taken, an opening case holds a stand-in that is unique (its id without
   * dashes fits the column) and never seen: the transaction commits only after the number is set.
   */
  provisionalNumber(caseId: string): string {
    return caseId.replace(/-/g, '');
  }

  /**
   * Gives an opening case the next number in its province's yearly sequence, in the unit's last
   * statements. On PostgreSQL the counter's row stays locked until commit so that numbers have no
   * gaps: taken in the unit's last message, with its COMMIT, it holds up the province's other
   * intakes for that message alone, not for a round trip and whatever the instance does meanwhile.
   */
  async numberCase(manager: EntityManager, record: Pick<CaseRecord, 'id' | 'provinceCode'>, year: number): Promise<CaseNumbering> {
    if (this.work.dialect === 'postgres') {
      const rows = readWithNext<{ case_number: string }>(manager, NUMBER_CASE_IN_DATABASE, [record.provinceCode, year, numberPrefix(record.provinceCode, year), record.id]);
      return { known: null, taken: async () => (await rows)[0].case_number };
    }
    const number = caseNumber(record.provinceCode, year, await this.nextOfOneWriter(manager, record.provinceCode, year));
    await setRows(manager, CaseRecord, { set: { caseNumber: number }, where: { id: record.id } });
    return { known: number };
  }

  /**
   * SQLite's one writer: the last number is read once, then counted here and written with the
   * unit's other writes, so that opening a case waits on no answer from the database.
   */
  private async nextOfOneWriter(manager: EntityManager, provinceCode: string, year: number): Promise<number> {
    const key = `${provinceCode}:${year}`;
    let last = this.lastNumbers.get(key);
    if (last === undefined) {
      const rows: Array<{ last_seq: number }> = await manager.query('SELECT last_seq FROM case_number_counters WHERE province_code = ? AND year = ?', [provinceCode, year]);
      last = rows[0]?.last_seq ?? 0;
    }
    const next = last + 1;
    await writeAndForget(
      manager,
      'INSERT INTO case_number_counters (province_code, year, last_seq) VALUES (?, ?, ?) ON CONFLICT (province_code, year) DO UPDATE SET last_seq = excluded.last_seq',
      [provinceCode, year, next],
    );
    this.lastNumbers.set(key, next);
    return next;
  }

  /** Cases stored by an older workflow version, oldest first, through the machine_version index. */
  storedBefore(manager: EntityManager, machineVersion: number, limit: number, afterId = ''): Promise<Array<Pick<CaseRecord, 'id' | 'caseNumber' | 'machineVersion' | 'snapshot'>>> {
    return manager
      .createQueryBuilder(CaseRecord, 'c')
      .select(['c.id', 'c.caseNumber', 'c.machineVersion', 'c.snapshot'])
      .where('c.machine_version < :machineVersion AND c.id > :afterId', { machineVersion, afterId })
      .orderBy('c.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  async insert(manager: EntityManager, record: CaseRecord): Promise<void> {
    await insertRows(manager, CaseRecord, record);
  }

  /** Compare-and-swap on the version: true when this write won. */
  async update(manager: EntityManager, id: string, expectedVersion: number, change: CaseUpdate): Promise<boolean> {
    const changed = await updateRows(manager, CaseRecord, { set: change, increment: ['version'], where: { id, version: expectedVersion } });
    return changed === 1;
  }

  async appendEvent(manager: EntityManager, event: Omit<CaseEventRecord, 'id'>): Promise<void> {
    await insertRows(manager, CaseEventRecord, event as CaseEventRecord);
  }
}
