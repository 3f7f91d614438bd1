import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { Observable, Subject } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';

/** What one instance tells the others; a channel carries nothing but the wake-up (never data, never an id). */
export type Channel = 'alerts_raised' | 'agencies_changed' | 'calendar_changed' | 'gazetteer_changed';
const CHANNELS: readonly Channel[] = ['alerts_raised', 'agencies_changed', 'calendar_changed', 'gazetteer_changed'];
const RECONNECT_MS = 1_000;

/**
 * Wake-ups between instances on PostgreSQL: `NOTIFY` sent inside the transaction of a change, so
 * that it goes out when (and only if) the change commits, and one dedicated `LISTEN` connection per
 * instance. After that connection comes back every channel fires once, since a wake-up sent
 * meanwhile was lost. On SQLite there is one process, which knows what it changed: nothing is sent.
 */
@Injectable()
export class DatabaseNotifications implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseNotifications.name);
  private readonly subjects = new Map<Channel, Subject<void>>(CHANNELS.map((channel) => [channel, new Subject<void>()]));
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

  /** Inside the transaction of a change: every instance (this one too) hears of it once it commits. */
  async notify(manager: EntityManager, channel: Channel): Promise<void> {
    if (this.postgres) await manager.query('SELECT pg_notify($1, $2)', [channel, '']);
  }

  /** Wake-ups on a channel, from any instance. */
  on(channel: Channel): Observable<void> {
    return this.subjects.get(channel)!.asObservable();
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: (this.dataSource.options as { url?: string }).url });
    client.on('notification', (message) => this.subjects.get(message.channel as Channel)?.next());
    client.on('error', (error) => this.logger.warn(`Wake-ups from other instances interrupted (${error.name}); listening again`));
    client.on('end', () => this.listenLater());
    await client.connect();
    for (const channel of CHANNELS) await client.query(`LISTEN ${channel}`);
    this.listener = client;
    for (const subject of this.subjects.values()) subject.next();
  }

  private listenLater(): void {
    if (this.stopped) return;
    this.listener = null;
    setTimeout(() => void this.listen().catch(() => this.listenLater()), RECONNECT_MS).unref();
  }
}
