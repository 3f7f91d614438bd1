import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as sqlite3 from 'sqlite3';
import { DataSourceOptions } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Session } from '../accounts/session.entity';
import { SignInRecord } from '../accounts/sign-in-record.entity';
import { StreamTicket } from '../accounts/stream-ticket.entity';
import { Agency } from '../agencies/agency.entity';
import { ReportingChain } from '../agencies/reporting-chain.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AlertAcknowledgement } from '../alerts/alert-acknowledgement.entity';
import { Alert } from '../alerts/alert.entity';
import { CaseEventRecord } from '../cases/case-event.entity';
import { CaseRecord } from '../cases/case.entity';
import { AdministrativeUnit } from '../gazetteer/administrative-unit.entity';
import { UnitMerger } from '../gazetteer/unit-merger.entity';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { Task } from '../tasks/task.entity';
import { Initial1763800000000 } from './migrations/1763800000000-Initial';
import { DeadlinesAlertsOutbox1763900000000 } from './migrations/1763900000000-DeadlinesAlertsOutbox';
import { AccountsAudit1764000000000 } from './migrations/1764000000000-AccountsAudit';
import { WorkflowVersions1764100000000 } from './migrations/1764100000000-WorkflowVersions';
import { AccessEdges1764200000000 } from './migrations/1764200000000-AccessEdges';
import { Gazetteer1764300000000 } from './migrations/1764300000000-Gazetteer';
import { ReportingChains1764400000000 } from './migrations/1764400000000-ReportingChains';
import { CalendarDayRecord, CalendarYearRecord } from '../calendar/calendar-day.entity';

export const ENTITIES = [Agency, CaseRecord, CaseEventRecord, Task, CalendarDayRecord, CalendarYearRecord, OutboxMessage, Alert, AlertAcknowledgement, Account, Session, SignInRecord, StreamTicket, AuditEntry, AdministrativeUnit, UnitMerger, ReportingChain];
export const MIGRATIONS = [Initial1763800000000, DeadlinesAlertsOutbox1763900000000, AccountsAudit1764000000000, WorkflowVersions1764100000000, AccessEdges1764200000000, Gazetteer1764300000000, ReportingChains1764400000000];

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
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    // TypeORM would log failing queries with their parameters, which carry children's data.
    logging: false,
  };
}
