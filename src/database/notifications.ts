import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { Observable, Subject } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';

/**
 * What one instance tells the others; a channel carries nothing but the wake-up (never data, never
 * an id). `rows_changed` (cases, tasks) and `sessions_changed` are sent by the database's own
 * triggers (migration ChangeWakeUps), so a change made by hand wakes the instances too.
 */
export type Channel = 'alerts_raised' | 'agencies_changed' | 'calendar_changed' | 'gazetteer_changed' | 'rows_changed' | 'sessions_changed';
const CHANNELS: readonly Channel[] = ['alerts_raised', 'agencies_changed', 'calendar_changed', 'gazetteer_changed', 'rows_changed', 'sessions_changed'];
const RECONNECT_MS = 1_000;
/** How the listening connection names itself to the server (`pg_stat_activity`), for operators. */
export const WAKE_UPS_APPLICATION = 'referrals wake-ups';
/** How often the listening connection is asked whether it still stands, and how long its answer may take. */
const PING_MS = 1_000;
const PING_TIMEOUT_MS = 2_000;

/**
 * Wake-ups between instances on PostgreSQL: `NOTIFY` sent inside the transaction of a change, so
 * that it goes out when (and only if) the change commits, and one dedicated `LISTEN` connection per
 * instance. After that connection comes back every channel fires once, since a wake-up sent
 * meanwhile was lost. While it is down, `listening` is false, and memory vouched for by wake-ups is
 * not trusted (UnitOfWork.changeMark). A connection that dies without closing (a cable, a frozen
 * server) loses wake-ups silently, so it is asked every second and dropped when it does not answer.
 * On SQLite there is one process, which knows what it changed: nothing is sent.
 */
@Injectable()
export class DatabaseNotifications implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseNotifications.name);
  private readonly subjects = new Map<Channel, Subject<void>>(CHANNELS.map((channel) => [channel, new Subject<void>()]));
  /** The connection listening now; `current` is the one being opened or listening. */
  private listener: Client | null = null;
  private current: Client | null = null;
  private ping: NodeJS.Timeout | null = null;
  private pinging = false;
  private retry: NodeJS.Timeout | null = null;
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
    if (this.ping) clearInterval(this.ping);
    if (this.retry) clearTimeout(this.retry);
    await this.current?.end().catch(() => undefined);
  }

  /** Whether every wake-up sent now will reach this instance: its listening connection stands. */
  get listening(): boolean {
    return this.listener !== null;
  }

  /** Inside the transaction of a change: every instance (this one too) hears of it once it commits. */
  async notify(manager: EntityManager, channel: Channel): Promise<void> {
    if (this.postgres) await manager.query('SELECT pg_notify($1, $2)', [channel, '']);
  }

  /** Wake-ups on a channel, from any instance. */
  on(channel: Channel): Observable<void> {
    return this.subjects.get(channel)!.asObservable();
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: (this.dataSource.options as { url?: string }).url, application_name: WAKE_UPS_APPLICATION });
    this.current = client;
    client.on('notification', (message) => this.subjects.get(message.channel as Channel)?.next());
    client.on('error', (error) => this.logger.warn(`Wake-ups from other instances interrupted (${error.name}); listening again`));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      for (const channel of CHANNELS) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      this.lost(client);
      throw error;
    }
    if (this.current !== client) return;
    if (this.stopped) return void (await client.end().catch(() => undefined));
    this.listener = client;
    this.ping ??= setInterval(() => void this.checkListener(), PING_MS).unref();
    for (const subject of this.subjects.values()) subject.next();
  }

  /** A listening connection that does not answer in time is taken as lost, and another one opened. */
  private async checkListener(): Promise<void> {
    const client = this.listener;
    if (!client || this.pinging) return;
    this.pinging = true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer')), PING_TIMEOUT_MS)));
    try {
      await Promise.race([client.query('SELECT 1'), late]);
    } catch {
      this.lost(client);
    } finally {
      clearTimeout(timer);
      this.pinging = false;
    }
  }

  /** Closes and forgets a connection lost, once however many ways it is found lost, and opens another after a while. */
  private lost(client: Client): void {
    if (this.current !== client) return;
    this.current = null;
    this.listener = null;
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.retry = setTimeout(() => void this.listen().catch(() => undefined), RECONNECT_MS).unref();
  }
}
