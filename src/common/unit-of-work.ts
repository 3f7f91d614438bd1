import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * All database work goes through here, one unit at a time. TypeORM's SQLite drivers share one
 * connection, so a second concurrent transaction would nest as a savepoint and a read could see
 * another request's uncommitted rows (typeorm#1884, #10372); taking turns keeps them apart.
 */
@Injectable()
export class UnitOfWork {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly rollbackListeners: Array<() => void> = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in its own transaction once every earlier unit has finished. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        for (const listener of this.rollbackListeners) listener();
        throw error;
      }
    });
  }

  /** Called after a unit's transaction rolled back, for state kept in memory beside the database. */
  onRollback(listener: () => void): void {
    this.rollbackListeners.push(listener);
  }

  /** Runs `work` between transactions, so that it only sees committed rows. */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.enqueue(() => work(this.dataSource.manager));
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
