import { EntityManager, FindManyOptions } from 'typeorm';

/** Row locks for a queue's claim on PostgreSQL (`FOR UPDATE SKIP LOCKED`); SQLite's one writer needs none. */
export function skipLocked(manager: EntityManager): Pick<FindManyOptions, 'lock'> {
  return manager.connection.options.type === 'postgres' ? { lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' } } : {};
}
