import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { interval, merge, Observable, Subject } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';

/** The PostgreSQL channel a committed batch of alerts is announced on; it carries nothing but the wake-up. */
const CHANNEL = 'alerts_raised';
/** A wake-up may be lost (a dropped listening connection): every stream also looks this often. */
const SAFETY_LOOK_MS = 10_000;
const RECONNECT_MS = 1_000;

/**
 * Tells live dashboards that alerts were raised, on this instance or any other. It carries no alert:
 * each stream reads what is new from the alerts table, so that what it sends is what was committed
 * and a reconnect resumes from the table (Last-Event-ID). On PostgreSQL the scanner's transaction
 * sends NOTIFY, delivered when it commits, and one dedicated connection per instance LISTENs; on
 * SQLite the one process tells itself after the commit.
 */
@Injectable()
export class AlertStream implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AlertStream.name);
  private readonly raised = new Subject<void>();
  private listener: Client | null = null;
  private stopped = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get postgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  async onModuleInit(): Promise<void> {
    if (this.postgres) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.listener?.end().catch(() => undefined);
  }

  /** Inside the transaction that raised alerts: on PostgreSQL the wake-up goes out when it commits. */
  async announce(manager: EntityManager): Promise<void> {
    if (this.postgres) await manager.query('SELECT pg_notify($1, $2)', [CHANNEL, '']);
  }

  /** After that transaction committed: SQLite has no other instance, and no NOTIFY. */
  committed(): void {
    if (!this.postgres) this.raised.next();
  }

  /** A tick whenever alerts may have been raised anywhere. */
  get wakeUps(): Observable<unknown> {
    return merge(this.raised, interval(SAFETY_LOOK_MS));
  }

  private async listen(): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    const client = new Client({ connectionString: options.url });
    client.on('notification', () => this.raised.next());
    client.on('error', (error) => this.logger.warn(`Alert wake-ups interrupted (${error.name}); listening again`));
    client.on('end', () => {
      if (this.stopped) return;
      this.listener = null;
      // Streams look at the table on their safety tick meanwhile, so nothing is lost, only later.
      setTimeout(() => void this.listen().catch(() => undefined), RECONNECT_MS).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
    // Anything raised while no one listened is picked up by the next look.
    this.raised.next();
  }
}
