import { Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as sqlite3 from 'sqlite3';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { HeldWrites } from '../database/held-writes';
import { DatabaseNotifications } from '../database/notifications';
import { PreparedStatements } from '../database/prepared-statements';
import { WalCheckpoints } from '../database/wal-checkpoints';

/**
 * Connections kept for reads beside the writer on SQLite: the driver runs statements on libuv's
 * thread pool, so reads on separate connections go at once. Measured with 50 connections on `GET /cases/:id`: 1 reader 510 req/s, 2 700, 4 1,060, 6 1,170.
 */
const READER_MMAP_BYTES = 256 * 1024 * 1024;
const READER_CACHE_KIB = 16 * 1024;
const SQLITE_READERS = 4;
const CHECKPOINT_INTERVAL_MS = 1000;
/** How often, on SQLite, the writer asks whether another process has committed (see changeMark). */
const OUTSIDE_COMMITS_INTERVAL_MS = 1000;
/** How long a stopping instance waits for units already running (their clients may have gone). */
const SHUTDOWN_GRACE_MS = 10_000;

export type Dialect = 'sqlite' | 'postgres';

export interface WriteOptions {
  /**
   * Taken before the writes already waiting (SQLite): for short appends that a read waits on,
   * such as the audit lines of reads, so that a read never waits behind a queue of writes.
   */
  urgent?: boolean;
  /**
   * The unit only appends lines that no kept read shows (the audit lines of reads), so it leaves
   * the change mark where it is: reads' own lines would otherwise move it with every read.
   */
  appendOnly?: boolean;
  /**
   * On PostgreSQL the unit sends exactly one statement and records nothing else, so it runs as a
   * transaction of its own: no BEGIN and COMMIT, its values bound rather than written as literals
   * (a batch of reads' audit lines, one JSON value). SQLite takes its turn with the writer as usual.
   */
  oneStatement?: boolean;
}

/**
 * All database work goes through here.
 *
 * Writes: on SQLite one unit at a time, because TypeORM's SQLite drivers share one connection, so a
 * second concurrent transaction would nest as a savepoint and see another request's uncommitted
 * rows (typeorm#1884, #10372). On PostgreSQL each unit is a transaction of the pool, and what must
 * not happen twice is decided by the database (compare-and-swap, unique keys, row locks).
 *
 * Reads never wait for the writer: on SQLite they run in WAL mode on read-only connections of their
 * own, each unit in one read transaction (one consistent snapshot); on PostgreSQL in a read-only
 * transaction of the pool.
 */
@Injectable()
export class UnitOfWork implements OnApplicationShutdown {
  readonly dialect: Dialect;
  private readonly waiting: Array<() => Promise<void>> = [];
  private readonly urgent: Array<() => Promise<void>> = [];
  private draining = false;
  private readonly rollbackListeners: Array<() => void> = [];
  private readonly commitListeners: Array<(manager: EntityManager) => Promise<void>> = [];
  private readers: Promise<ReaderPool | null> | null = null;
  /** Units begun and not yet settled, so that a stopping instance closes no connection under one. */
  private running = 0;
  private readonly whenIdle: Array<() => void> = [];
  /** See changeMark and outsideMark. */
  private changes = 0;
  private outside = 0;
  /** SQLite: the writer's `PRAGMA data_version` when last asked, which moves only with other connections' commits. */
  private dataVersion: number | null = null;
  private outsideCommits: NodeJS.Timeout | null = null;

  /** `wakeUps`: on PostgreSQL, what tells this instance of other instances' commits; without it nothing read is vouched for. */
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly wakeUps?: DatabaseNotifications,
  ) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
    wakeUps?.on('rows_changed').subscribe(() => (this.changes += 1));
    wakeUps?.on('sessions_changed').subscribe(() => (this.outside += 1));
  }

  /** Runs `work` in its own transaction; on SQLite once every earlier unit has finished. */
  write<T>(work: (manager: EntityManager) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    return this.tracked(() => this.writeNow(work, options));
  }

  private writeNow<T>(work: (manager: EntityManager) => Promise<T>, options: WriteOptions): Promise<T> {
    const unit = async (manager: EntityManager) => {
      const result = await work(manager);
      for (const listener of this.commitListeners) await listener(manager);
      return result;
    };
    const oneStatement = options.oneStatement === true && this.dialect === 'postgres';
    const run = async () => {
      try {
        return await (oneStatement ? work(this.dataSource.manager) : this.transaction(unit));
      } catch (error) {
        for (const listener of this.rollbackListeners) listener();
        throw error;
      } finally {
        // Before the caller hears the unit is done, so that the caller's next read finds the mark moved.
        if (options.appendOnly !== true) this.changes += 1;
      }
    };
    return this.dialect === 'postgres' ? run() : this.enqueue(run, options.urgent === true);
  }

  /** One transaction, whose writes that nobody reads an answer from are sent together (see HeldWrites). */
  private async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const held = await HeldWrites.on(runner);
    try {
      return await runner.manager.transaction(work);
    } finally {
      held.end();
      await runner.release();
    }
  }

  /** Called after a unit's transaction rolled back, for state kept in memory beside the database. */
  onRollback(listener: () => void): void {
    this.rollbackListeners.push(listener);
  }

  /** Called when a unit's work is done, inside its transaction, just before it commits. */
  beforeCommit(listener: (manager: EntityManager) => Promise<void>): void {
    this.commitListeners.push(listener);
  }

  /**
   * A number that moves whenever committed cases and tasks may have changed: when a unit of this
   * process that may change rows settles; on SQLite within a second of a commit by another process
   * (an operator's shell, `npm run cases:migrate`); on PostgreSQL when the database's wake-up for a
   * commit that changed them arrives from any instance or hand (migration ChangeWakeUps), usually
   * within a millisecond or two. What was read while the mark stood at m is still as committed while
   * the mark is m, so a read may answer from memory without asking the database. Take the mark
   * before reading. Null while this instance may miss a wake-up (its listening connection is down,
   * or on PostgreSQL without one): then nothing read is vouched for.
   */
  changeMark(): number | null {
    return this.vouched() ? this.changes : null;
  }

  /**
   * Like changeMark, but moves only with others' commits, on PostgreSQL those that change sessions:
   * for memory that this process keeps right itself when it writes (which sessions are revoked), and
   * that only someone else's change can make wrong. Null when changeMark is.
   */
  outsideMark(): number | null {
    return this.vouched() ? this.outside : null;
  }

  private vouched(): boolean {
    return this.dialect === 'sqlite' || this.wakeUps?.listening === true;
  }

  /** Runs `work` on committed rows only, as one consistent snapshot, without waiting for writes. */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.tracked(() => this.readNow(work));
  }

  private readNow<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') return readOnly(this.dataSource.createQueryRunner(), 'START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY', work);
    return this.onReader((reader) => readOnly(reader.source.createQueryRunner(), 'BEGIN', work), work);
  }

  /**
   * Runs `statement`, which sends exactly one SQL statement, on committed rows. One statement is
   * its own consistent snapshot on both databases, so no transaction is begun: two round trips
   * fewer than `read`. On SQLite the statement is prepared once per read connection and kept.
   */
  readStatement<T>(statement: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.tracked(() => {
      if (this.dialect === 'postgres') return statement(this.dataSource.manager);
      return this.onReader((reader) => statement(reader.prepared.manager), statement);
    });
  }

  /** SQLite: `work` on a read connection of its own. An in-memory database has no second connection to read it: reads take their turn with writes. */
  private async onReader<T>(work: (reader: Reader) => Promise<T>, inMemory: (manager: EntityManager) => Promise<T>): Promise<T> {
    const readers = await (this.readers ??= this.openReaders());
    if (!readers) return this.enqueue(() => inMemory(this.dataSource.manager), false);
    return readers.use(work);
  }

  /**
   * Nest closes the HTTP server first, which waits for connected clients only: a request whose
   * client has gone may still be running its units, so they are let finish before the readers close.
   */
  async onApplicationShutdown(): Promise<void> {
    if (this.running > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, SHUTDOWN_GRACE_MS);
        this.whenIdle.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (this.outsideCommits) clearInterval(this.outsideCommits);
    const readers = await this.readers;
    await readers?.close();
  }

  private async tracked<T>(unit: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await unit();
    } finally {
      this.running -= 1;
      if (this.running === 0) for (const resolve of this.whenIdle.splice(0)) resolve();
    }
  }

  private async openReaders(): Promise<ReaderPool | null> {
    const options = this.dataSource.options;
    if (options.type !== 'sqlite' || options.database === ':memory:') return null;
    const sources = Array.from(
      { length: SQLITE_READERS },
      () =>
        new DataSource({
          ...options,
          flags: sqlite3.OPEN_READONLY,
          enableWAL: false,
          migrationsRun: false,
          synchronize: false,
        }),
    );
    await Promise.all(sources.map((source) => source.initialize()));
    // Reports read tens of thousands of rows: mapped pages and a larger cache spare a system call a page.
    await Promise.all(sources.map((source) => source.query(`PRAGMA mmap_size = ${READER_MMAP_BYTES}`).then(() => source.query(`PRAGMA cache_size = -${READER_CACHE_KIB}`))));
    const checkpoints = await WalCheckpoints.start(options.database, CHECKPOINT_INTERVAL_MS);
    await this.dataSource.query('PRAGMA wal_autocheckpoint = 0');
    await this.noticeOutsideCommits();
    this.outsideCommits = setInterval(() => void this.noticeOutsideCommits(), OUTSIDE_COMMITS_INTERVAL_MS);
    this.outsideCommits.unref();
    return new ReaderPool(
      sources.map((source) => ({ source, prepared: new PreparedStatements(source) })),
      checkpoints,
    );
  }

  /**
   * Asked of the writer's connection, whose own commits leave its data version alone, so that it
   * moves only when another process has committed. Asked beside any unit rather than after it (the
   * pragma reads and changes nothing), and first before any read, so no outside commit goes unseen.
   */
  private async noticeOutsideCommits(): Promise<void> {
    try {
      const [{ data_version: version }]: Array<{ data_version: number }> = await this.dataSource.query('PRAGMA data_version');
      if (this.dataVersion !== null && version !== this.dataVersion) this.noticeChangeFromOutside();
      this.dataVersion = version;
    } catch {
      // Not knowing is taken as a change.
      this.noticeChangeFromOutside();
    }
  }

  private noticeChangeFromOutside(): void {
    this.changes += 1;
    this.outside += 1;
  }

  private enqueue<T>(work: () => Promise<T>, urgent: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      (urgent ? this.urgent : this.waiting).push(() => work().then(resolve, reject));
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let next = this.urgent.shift() ?? this.waiting.shift(); next; next = this.urgent.shift() ?? this.waiting.shift()) await next();
    } finally {
      this.draining = false;
    }
  }
}

/**
 * One read transaction begun in one statement: TypeORM's `transaction()` sends the isolation level
 * and the read-only mode as statements of their own, two more round trips for every read. The
 * BEGIN is held (see HeldWrites) until the unit's first statement, so that a unit which finds it
 * needs nothing (an anonymous report has no duplicate to look for) costs the database nothing.
 */
async function readOnly<T>(runner: QueryRunner, begin: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const held = await HeldWrites.on(runner, begin);
  try {
    await runner.query(begin);
    try {
      const result = await work(runner.manager);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      await runner.query('ROLLBACK');
      throw error;
    }
  } finally {
    held.end();
    await runner.release();
  }
}

interface Reader {
  source: DataSource;
  prepared: PreparedStatements;
}

/** Read connections lent one unit at a time, so that each unit's read transaction is its own. */
class ReaderPool {
  private readonly idle: Reader[];
  private readonly queue: Array<(reader: Reader) => void> = [];

  constructor(
    private readonly all: Reader[],
    private readonly checkpoints: WalCheckpoints,
  ) {
    this.idle = [...all];
  }

  async use<T>(work: (reader: Reader) => Promise<T>): Promise<T> {
    const reader = this.idle.pop() ?? (await new Promise<Reader>((resolve) => this.queue.push(resolve)));
    try {
      return await work(reader);
    } finally {
      const next = this.queue.shift();
      if (next) next(reader);
      else this.idle.push(reader);
    }
  }

  async close(): Promise<void> {
    await this.checkpoints.stop();
    await Promise.all(this.all.map((reader) => reader.prepared.finalize()));
    await Promise.all(this.all.filter((reader) => reader.source.isInitialized).map((reader) => reader.source.destroy()));
  }
}
