import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as sqlite3 from 'sqlite3';
import { DataSource, EntityManager } from 'typeorm';
import { HeldWrites } from '../database/held-writes';

/**
 * Connections kept for reads beside the writer on SQLite: the driver runs statements on libuv's
 * thread pool, so reads on separate connections go at once. Measured with 50 connections on `GET /cases/:id`: 1 reader 510 req/s, 2 700, 4 1,060, 6 1,170.
 */
const READER_MMAP_BYTES = 256 * 1024 * 1024;
const READER_CACHE_KIB = 16 * 1024;
const SQLITE_READERS = 4;

export type Dialect = 'sqlite' | 'postgres';

export interface WriteOptions {
  /**
   * Taken before the writes already waiting (SQLite): for short appends that a read waits on,
   * such as the audit lines of reads, so that a read never waits behind a queue of writes.
   */
  urgent?: boolean;
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
  private readers: Promise<ReaderPool | null> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** Runs `work` in its own transaction; on SQLite once every earlier unit has finished. */
  write<T>(work: (manager: EntityManager) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    const run = async () => {
      try {
        return await (this.dialect === 'postgres' ? this.dataSource.transaction(work) : this.sqliteTransaction(work));
      } catch (error) {
        for (const listener of this.rollbackListeners) listener();
        throw error;
      }
    };
    return this.dialect === 'postgres' ? run() : this.enqueue(run, options.urgent === true);
  }

  /** One SQLite transaction, whose writes that nobody reads an answer from are sent together (see HeldWrites). */
  private async sqliteTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
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

  /** Runs `work` on committed rows only, as one consistent snapshot, without waiting for writes. */
  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') {
      return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
        await manager.query('SET TRANSACTION READ ONLY');
        return work(manager);
      });
    }
    const readers = await (this.readers ??= this.openReaders());
    // An in-memory database has no second connection to read it: reads take their turn with writes.
    if (!readers) return this.enqueue(() => work(this.dataSource.manager), false);
    return readers.use((reader) => reader.transaction(work));
  }

  async onApplicationShutdown(): Promise<void> {
    const readers = await this.readers;
    await readers?.close();
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
    return new ReaderPool(sources);
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

/** Read connections lent one unit at a time, so that each unit's read transaction is its own. */
class ReaderPool {
  private readonly idle: DataSource[];
  private readonly queue: Array<(reader: DataSource) => void> = [];

  constructor(private readonly all: DataSource[]) {
    this.idle = [...all];
  }

  async use<T>(work: (reader: DataSource) => Promise<T>): Promise<T> {
    const reader = this.idle.pop() ?? (await new Promise<DataSource>((resolve) => this.queue.push(resolve)));
    try {
      return await work(reader);
    } finally {
      const next = this.queue.shift();
      if (next) next(reader);
      else this.idle.push(reader);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.filter((source) => source.isInitialized).map((source) => source.destroy()));
  }
}
