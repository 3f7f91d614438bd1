import { Column, ColumnOptions } from 'typeorm';

/**
 * Column types that differ between the embedded SQLite default and PostgreSQL, chosen in one place
 * so that the entities stay the same when a deployment moves to PostgreSQL.
 */
const postgres = (process.env.DATABASE_TYPE ?? 'sqlite') === 'postgres';

export function JsonColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ ...options, type: postgres ? 'jsonb' : 'simple-json' });
}

export function TimestampColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ ...options, type: postgres ? 'timestamptz' : 'datetime' });
}
