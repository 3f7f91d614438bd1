import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as sqlite3 from 'sqlite3';
import { DataSourceOptions } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Alert } from '../alerts/alert.entity';
import { CaseEventRecord } from '../cases/case-event.entity';
import { CaseRecord } from '../cases/case.entity';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { Task } from '../tasks/task.entity';
import { Initial1763800000000 } from './migrations/1763800000000-Initial';
import { DeadlinesAlertsOutbox1763900000000 } from './migrations/1763900000000-DeadlinesAlertsOutbox';
import { CalendarDayRecord, CalendarYearRecord } from '../calendar/calendar-day.entity';

export const ENTITIES = [Agency, CaseRecord, CaseEventRecord, Task, CalendarDayRecord, CalendarYearRecord, OutboxMessage, Alert];
export const MIGRATIONS = [Initial1763800000000, DeadlinesAlertsOutbox1763900000000];

/** The embedded default: one SQLite file in WAL mode, migrations run at start, never synchronize. */
export function sqliteOptions(databasePath: string): DataSourceOptions {
  if (databasePath !== ':memory:') mkdirSync(dirname(databasePath), { recursive: true });
  return {
    type: 'sqlite',
    // Handing TypeORM the module keeps it from switching sqlite3 to verbose mode, which captures a
    // stack trace on every statement (a tenth of the time spent per transition).
    driver: sqlite3,
    database: databasePath,
    enableWAL: true,
    busyTimeout: 5000,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    // TypeORM would log failing queries with their parameters, which carry children's data.
    logging: false,
  };
}
