import * as sqlite3 from 'sqlite3';
import { EntityManager, QueryFailedError, QueryRunner } from 'typeorm';

const BEGIN = 'BEGIN TRANSACTION';

/**
 * The statements of a SQLite write unit that nobody waits on for an answer, held and sent to
 * SQLite together: its BEGIN, inserts and updates whose results are not read, and its COMMIT.
 *
 * Each statement sent through the `sqlite3` driver is a round trip between the event loop and
 * libuv's thread pool, and under load each answer waits its turn behind other requests'
 * JavaScript while the one writer, and every write queued behind it, waits with it (about 1.3 ms a
 * statement at 50 concurrent intakes, against 0.05 ms of SQLite's own work). An intake is nine
 * such statements: held, they are one `exec`, one turn. Any statement of another kind sends what
 * is held first, so that statements still run in the order they were made and a read sees the
 * unit's own rows; a unit that fails before anything was sent costs SQLite nothing.
 *
 * `exec` takes no bound parameters, so values are written as SQLite literals: text quoted with
 * quotes doubled (SQLite's only escape inside a string), finite numbers, NULL, blobs in hex. A
 * value with no such literal (text holding NUL, where `exec` would cut the statement) is never
 * held: what is held goes first, then that statement with bound parameters as usual.
 */
export class HeldWrites {
  private statements: string[] = [];
  /** Whether the unit's BEGIN has reached SQLite, so that there is a transaction to roll back. */
  private begun = false;

  private constructor(
    private readonly runner: QueryRunner,
    private readonly connection: sqlite3.Database,
  ) {}

  /**
   * Holds writes for the unit about to run on `runner` until `end()`. TypeORM's SQLite driver has
   * one query runner for everything, which the write queue lends to one unit at a time.
   */
  static async on(runner: QueryRunner): Promise<HeldWrites> {
    const held = new HeldWrites(runner, (await runner.connect()) as sqlite3.Database);
    const query = runner.query as (sql: string, params?: unknown[], structured?: boolean) => Promise<unknown>;
    runner.query = ((sql: string, params?: unknown[], structured?: boolean) => held.query(sql, () => query.call(runner, sql, params, structured))) as QueryRunner['query'];
    units.set(runner, held);
    return held;
  }

  /** Gives the runner back as it was. */
  end(): void {
    this.statements = [];
    units.delete(this.runner);
    delete (this.runner as Partial<QueryRunner>).query;
  }

  /** Holds the statement when every value has a literal; answers whether it did. */
  hold(sql: string, params: readonly unknown[]): boolean {
    const parts = sql.split('?');
    if (parts.length !== params.length + 1) return false;
    const literals = params.map(sqliteLiteral);
    if (literals.some((literal) => literal === undefined)) return false;
    this.statements.push(parts.reduce((text, part, i) => text + literals[i - 1] + part));
    return true;
  }

  /** TypeORM's own statements for the transaction, and every statement not held, pass here. */
  private async query<T>(sql: string, run: () => Promise<T>): Promise<T | undefined> {
    switch (sql) {
      case BEGIN:
        this.statements.push(BEGIN);
        return undefined;
      case 'COMMIT':
        if (!this.begun && this.statements.length === 1) this.statements = [];
        else this.statements.push('COMMIT');
        await this.send();
        return undefined;
      case 'ROLLBACK':
        this.statements = [];
        return this.begun ? run() : undefined;
      default:
        await this.send();
        return run();
    }
  }

  /** Sends what is held as one `exec`; a failure rolls the unit back as any failed statement does. */
  private send(): Promise<void> {
    if (this.statements.length === 0) return Promise.resolve();
    const sql = this.statements.join(';\n');
    if (this.statements[0] === BEGIN) this.begun = true;
    this.statements = [];
    return new Promise((resolve, reject) => this.connection.exec(sql, (error) => (error ? reject(new QueryFailedError(sql, [], error)) : resolve())));
  }
}

const units = new WeakMap<QueryRunner, HeldWrites>();

/** Runs a write whose result nobody reads: held when the unit holds writes, else sent now. */
export async function writeAndForget(manager: EntityManager, sql: string, params: unknown[]): Promise<void> {
  const held = manager.queryRunner && units.get(manager.queryRunner);
  if (held?.hold(sql, params)) return;
  await manager.query(sql, params);
}

function sqliteLiteral(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'string':
      return value.includes('\0') ? undefined : `'${value.replace(/'/g, "''")}'`;
    case 'number':
      return Number.isFinite(value) ? String(value) : undefined;
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? '1' : '0';
    default:
      return Buffer.isBuffer(value) ? `X'${value.toString('hex')}'` : undefined;
  }
}
