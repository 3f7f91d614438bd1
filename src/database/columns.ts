import { Column, ColumnOptions } from 'typeorm';

/**
 * Column types that differ between the embedded SQLite default and PostgreSQL, chosen in one place
 * so that the entities stay the same when a deployment moves to PostgreSQL.
 */
// Read at import, before the decorators below run: the environment names the database.
const postgres = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '');

export function JsonColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ ...options, type: postgres ? 'json' : 'simple-json' });
}

export function TimestampColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ ...options, type: postgres ? 'timestamptz' : 'datetime' });
}
