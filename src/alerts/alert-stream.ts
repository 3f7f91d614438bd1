import { Injectable } from '@nestjs/common';
import { interval, merge, Observable, Subject } from 'rxjs';
import { EntityManager } from 'typeorm';
import { DatabaseNotifications } from '../database/notifications';

/** A wake-up may come late (a dropped listening connection): every stream also looks this often. */
const SAFETY_LOOK_MS = 10_000;

/**
 * Tells live dashboards that alerts were raised, on this instance or any other. It carries no alert:
 * each stream reads what is new from the alerts table, so that what it sends is what was committed
 * and a reconnect resumes from the table (Last-Event-ID). On PostgreSQL the scanner's transaction
 * sends the wake-up to every instance when it commits; on SQLite the one process tells itself.
 */
@Injectable()
export class AlertStream {
  private readonly raised = new Subject<void>();

  constructor(private readonly notifications: DatabaseNotifications) {}

  /** Inside the transaction that raised alerts. */
  announce(manager: EntityManager): Promise<void> {
    return this.notifications.notify(manager, 'alerts_raised');
  }

  /** After that transaction committed. */
  committed(): void {
    if (!this.notifications.postgres) this.raised.next();
  }

  /** A tick whenever alerts may have been raised anywhere. */
  get wakeUps(): Observable<unknown> {
    return merge(this.raised, this.notifications.on('alerts_raised'), interval(SAFETY_LOOK_MS));
  }
}
