import { escapeLiteral, PoolClient, QueryResult } from 'pg';
import * as sqlite3 from 'sqlite3';
import { EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import { Kept } from '../common/kept';

/** How one database takes a unit's held statements: its BEGIN, its values as literals, and one message for all. */
interface Wire {
  begin: string;
  /** The statement with its placeholders replaced by literals; undefined when a value has none. */
  inline(sql: string, params: readonly unknown[]): string | undefined;
  /** Whether one message answers each of its statements with its rows (PostgreSQL); SQLite's `exec` answers none. */
  answersEach: boolean;
  /** Sends one message: where `answersEach`, the rows of each statement in order. */
  send(sql: string): Promise<unknown[][] | undefined>;
}

/** A held statement whose rows someone waits for: its place in the message. */
interface Awaited {
  at: number;
  resolve: (rows: unknown[]) => void;
  reject: (error: unknown) => void;
}

/**
 * The statements of a write unit that nobody waits on for an answer, held and sent to the
 * database together: its BEGIN, inserts and updates whose results are not read, and its COMMIT.
 *
 * Each statement is a round trip. On SQLite that is a trip between the event loop and libuv's
 * thread pool, and under load each answer waits its turn behind other requests' JavaScript while
 * the one writer, and every write queued behind it, waits with it (about 1.3 ms a statement at 50
 * concurrent intakes, against 0.05 ms of SQLite's own work). On PostgreSQL it is a message over a
 * socket each way, whose system calls were a fifth of an intake's CPU here. An intake is about ten
 * such statements: held, they are one message. Any statement of another kind sends what is held
 * first, so that statements still run in the order they were made and a read sees the unit's own
 * rows; a unit that fails before anything was sent costs the database nothing.
 *
 * One message takes no bound parameters (SQLite's `exec`, PostgreSQL's simple query), so values
 * are written as literals (see sqliteLiteral, postgresLiteral). A value with no literal is never
 * held: what is held goes first, then that statement with bound parameters as usual.
 */
export class HeldWrites {
  private statements: string[] = [];
  private awaited: Awaited[] = [];
  /** Whether the unit's BEGIN has reached the database, so that there is a transaction to roll back. */
  private begun = false;

  private constructor(
    private readonly runner: QueryRunner,
    private readonly wire: Wire,
    private readonly begin: string,
  ) {}

  /**
   * Holds writes for the unit about to run on `runner`, which serves that unit alone, until `end()`.
   * `begin` is the statement that opens the unit, when not TypeORM's own (a read transaction's).
   */
  static async on(runner: QueryRunner, begin?: string): Promise<HeldWrites> {
    const connection: unknown = await runner.connect();
    const wire = runner.connection.options.type === 'postgres' ? postgresWire(connection as PoolClient) : sqliteWire(connection as sqlite3.Database);
    const held = new HeldWrites(runner, wire, begin ?? wire.begin);
    const query = runner.query as (sql: string, params?: unknown[], structured?: boolean) => Promise<unknown>;
    runner.query = ((sql: string, params?: unknown[], structured?: boolean) => held.query(sql, () => query.call(runner, sql, params, structured))) as QueryRunner['query'];
    units.set(runner, held);
    return held;
  }

  /** Gives the runner back as it was. */
  end(): void {
    this.drop();
    units.delete(this.runner);
    delete (this.runner as Partial<QueryRunner>).query;
  }

  /** Holds the statement when every value has a literal; answers whether it did. */
  hold(sql: string, params: readonly unknown[]): boolean {
    const statement = this.wire.inline(sql, params);
    if (statement === undefined) return false;
    this.statements.push(statement);
    return true;
  }

  /**
   * Where the database answers each statement of a message, holds `sql` and gives its rows once
   * the message that carries it has been sent, by whichever statement sends next; undefined when it
   * cannot, for the caller to send it alone. A unit that rolls back first answers with its error.
   */
  holdForRows(sql: string, params: readonly unknown[]): Promise<unknown[]> | undefined {
    const statement = this.wire.answersEach && this.wire.inline(sql, params);
    if (!statement) return undefined;
    const rows = new Promise<unknown[]>((resolve, reject) => this.awaited.push({ at: this.statements.push(statement) - 1, resolve, reject }));
    // Its holder may never wait for it, when the unit fails before.
    rows.catch(() => undefined);
    return rows;
  }

  /** Sends what is held now: for a caller about to wait on rows it held. */
  flush(): Promise<void> {
    return this.send();
  }

  /** TypeORM's own statements for the transaction, and every statement not held, pass here. */
  private async query<T>(sql: string, run: () => Promise<T>): Promise<T | undefined> {
    switch (sql) {
      case this.begin:
        this.statements.push(sql);
        return undefined;
      case 'COMMIT':
        if (!this.begun && this.statements.length === 1) this.statements = [];
        else this.statements.push('COMMIT');
        await this.send();
        return undefined;
      case 'ROLLBACK':
        this.drop();
        return this.begun ? run() : undefined;
      default:
        await this.send();
        return run();
    }
  }

  /** Sends what is held as one message; a failure rolls the unit back as any failed statement does. */
  private async send(): Promise<void> {
    if (this.statements.length === 0) return;
    const sql = this.statements.join(';\n');
    const awaited = this.awaited;
    if (this.statements[0] === this.begin) this.begun = true;
    this.statements = [];
    this.awaited = [];
    let answers: unknown[][] | undefined;
    try {
      answers = await this.wire.send(sql);
    } catch (error) {
      const failed = new QueryFailedError(sql, [], error as Error);
      awaited.forEach((statement) => statement.reject(failed));
      throw failed;
    }
    awaited.forEach((statement) => statement.resolve(answers?.[statement.at] ?? []));
  }

  private drop(): void {
    this.statements = [];
    this.awaited.forEach((statement) => statement.reject(new Error('The unit ended before this statement was sent')));
    this.awaited = [];
  }
}

/**
 * A statement cut at its placeholders: `texts` around them, and for each the index of its value.
 * Our statements are a few dozen shapes, each cut once.
 */
interface Template {
  texts: string[];
  slots: number[];
  /** How many values the statement takes. */
  values: number;
}

const TEMPLATES_KEPT = 256;
/** By placeholder style, keyed by the statement itself: a string kept from one call to the next hashes once. */
const templates = { numbered: new Kept<string, Template>(TEMPLATES_KEPT), ordered: new Kept<string, Template>(TEMPLATES_KEPT) };

/** `?` in order (SQLite), or `$1`, `$2`… (PostgreSQL, as TypeORM's driver writes them). */
function templateOf(sql: string, numbered: boolean): Template {
  const kept = numbered ? templates.numbered : templates.ordered;
  let template = kept.get(sql);
  if (!template) {
    const pieces = numbered ? sql.split(/\$(\d+)/) : sql.split('?');
    const texts = numbered ? pieces.filter((_, i) => i % 2 === 0) : pieces;
    const slots = numbered ? pieces.filter((_, i) => i % 2 === 1).map((n) => Number(n) - 1) : texts.slice(1).map((_, i) => i);
    template = { texts, slots, values: numbered ? Math.max(0, ...slots.map((slot) => slot + 1)) : slots.length };
    kept.set(sql, template);
  }
  return template;
}

/** The statement with each placeholder replaced by its value's literal; undefined when a value has none. */
function inlined(template: Template, params: readonly unknown[], literal: (value: unknown) => string | undefined): string | undefined {
  if (template.values !== params.length) return undefined;
  const literals = params.map(literal);
  let statement = template.texts[0];
  for (let i = 0; i < template.slots.length; i += 1) {
    const value = literals[template.slots[i]];
    if (value === undefined) return undefined;
    statement += value + template.texts[i + 1];
  }
  return statement;
}

function sqliteWire(connection: sqlite3.Database): Wire {
  return {
    begin: 'BEGIN TRANSACTION',
    answersEach: false,
    inline: (sql, params) => inlined(templateOf(sql, false), params, sqliteLiteral),
    send: (sql) => new Promise((resolve, reject) => connection.exec(sql, (error) => (error ? reject(error) : resolve(undefined)))),
  };
}

function postgresWire(client: PoolClient): Wire {
  return {
    begin: 'START TRANSACTION',
    answersEach: true,
    inline: (sql, params) => inlined(templateOf(sql, true), params, postgresLiteral),
    async send(sql) {
      // node-postgres answers a message of several statements with one result each.
      const results: QueryResult | QueryResult[] = await client.query(sql);
      return (Array.isArray(results) ? results : [results]).map((result) => result.rows);
    },
  };
}

/** SQLite: text quoted with quotes doubled (its only escape inside a string); `exec` would cut text at a NUL. */
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

/**
 * PostgreSQL: the text node-postgres would have sent for the parameter, quoted by its own
 * `escapeLiteral`, untyped as a parameter is, so that the column's type reads it the same way.
 * Instants go as ISO text with their zone; anything else (buffers, arrays) is sent as a parameter.
 */
function postgresLiteral(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : escapeLiteral(value.toISOString());
  switch (typeof value) {
    case 'string':
      return value.includes('\0') ? undefined : escapeLiteral(value);
    case 'number':
      return Number.isFinite(value) ? escapeLiteral(String(value)) : undefined;
    case 'bigint':
      return escapeLiteral(String(value));
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    default:
      return undefined;
  }
}

const units = new WeakMap<QueryRunner, HeldWrites>();

/**
 * Runs a statement whose rows are needed, after what the unit holds: on PostgreSQL in the same
 * message, so that taking a lock or a number costs no round trip of its own; on SQLite as usual.
 */
export async function readAfterHeld<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const held = heldBy(manager);
  const rows = held?.holdForRows(sql, params);
  if (!held || !rows) return (await manager.query(sql, params)) as T[];
  await held.flush();
  return (await rows) as T[];
}

/**
 * A statement whose rows are needed once the unit's statements have run: on PostgreSQL held, and
 * answered with the unit's next message, whatever sends it (its COMMIT, at the latest); elsewhere
 * run now. Await the rows only after the unit has sent that message.
 */
export function readWithNext<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return (heldBy(manager)?.holdForRows(sql, params) ?? manager.query(sql, params)) as Promise<T[]>;
}

/** Runs a write whose result nobody reads: held when the unit holds writes, else sent now. */
export async function writeAndForget(manager: EntityManager, sql: string, params: unknown[]): Promise<void> {
  if (heldBy(manager)?.hold(sql, params)) return;
  await manager.query(sql, params);
}

function heldBy(manager: EntityManager): HeldWrites | undefined {
  return manager.queryRunner && units.get(manager.queryRunner);
}
