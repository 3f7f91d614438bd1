import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as sqlite3 from 'sqlite3';
import { DataSource, DataSourceOptions } from 'typeorm';

/**
 * Entities and migrations are found by file name, so that this folder names no feature module:
 * every `*.entity.ts` under `src/`, and every migration in `migrations/` (as `.js` once built).
 */
const ENTITY_FILES = join(__dirname, '..', '**', '*.entity.{ts,js}');
const MIGRATION_FILES = join(__dirname, 'migrations', '*.{ts,js}');

/**
 * TypeORM always calls `sqlite3.verbose()`, which wraps every driver call to capture a stack trace
 * and `util.inspect` each argument (snapshots included): about a tenth of a transition's time. The
 * driver it gets here answers `verbose()` with the plain module.
 */
const QUIET_SQLITE3 = { ...sqlite3, verbose: () => sqlite3 };

/**
 * PostgreSQL, for production and several instances. Timestamps are `timestamptz` and JSON `json`
 * (see columns.ts); every session runs in UTC so that nothing depends on the server's zone.
 */
export function postgresOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [ENTITY_FILES],
    migrations: [MIGRATION_FILES],
    // Run by openDatabase under a lock, so that instances starting together migrate one at a time.
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: { max: poolSize, options: '-c TimeZone=UTC' },
  };
}

/** The database the environment names: PostgreSQL with a URL, else the SQLite file. */
export function databaseOptions(env: { DATABASE_URL?: string; DATABASE_PATH: string; DATABASE_POOL_SIZE?: number }): DataSourceOptions {
  return env.DATABASE_URL ? postgresOptions(env.DATABASE_URL, env.DATABASE_POOL_SIZE) : sqliteOptions(env.DATABASE_PATH);
}

/** The embedded default: one SQLite file in WAL mode, migrations run at start, never synchronize. */
export function sqliteOptions(databasePath: string): DataSourceOptions {
  if (databasePath !== ':memory:') mkdirSync(dirname(databasePath), { recursive: true });
  return {
    type: 'sqlite',
    driver: QUIET_SQLITE3,
    database: databasePath,
    enableWAL: true,
    busyTimeout: 5000,
    entities: [ENTITY_FILES],
    migrations: [MIGRATION_FILES],
    migrationsRun: true,
    synchronize: false,
    // TypeORM would log failing queries with their parameters, which carry children's data.
    logging: false,
  };
}

/** Serialises migrations across instances (a session lock, held only while migrating). */
const MIGRATION_LOCK = 7_146_000;

/**
 * Connects and migrates. On PostgreSQL the first instance to take the lock runs the pending
 * migrations in one transaction; the others wait for it, then find nothing left to do.
 */
export async function openDatabase(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  if (options.type !== 'postgres') return dataSource;
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    await runner.release();
  }
  return dataSource;
}
