import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as sqlite3 from 'sqlite3';
import { DataSourceOptions } from 'typeorm';

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
