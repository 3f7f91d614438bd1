import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../sql-dialect';

/**
 * PostgreSQL: every statement that changes cases, tasks or sessions wakes every instance when it
 * commits (`pg_notify`, from a statement-level trigger, so a change made by hand wakes them too),
 * and an instance that keeps a case, an inbox page or a session answers from memory until woken.
 * The wake-up carries nothing but its channel. SQLite has one writer, which asks the file instead.
 */
const WAKE_UPS = [
  { table: 'cases', channel: 'rows_changed', on: 'INSERT OR UPDATE OR DELETE' },
  { table: 'tasks', channel: 'rows_changed', on: 'INSERT OR UPDATE OR DELETE' },
  // A new session is nobody's memory yet: only its end, or its refresh, can make a memory wrong.
  { table: 'sessions', channel: 'sessions_changed', on: 'UPDATE OR DELETE' },
];

export class ChangeWakeUps1764800000000 implements MigrationInterface {
  name = 'ChangeWakeUps1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    if (!dialectOf(runner).postgres) return;
    await runner.query(`CREATE FUNCTION "wake_instances"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify(TG_ARGV[0], ''); RETURN NULL; END $$`);
    for (const { table, channel, on } of WAKE_UPS) {
      await runner.query(`CREATE TRIGGER "${table}_wake_instances" AFTER ${on} ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "wake_instances"('${channel}')`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    if (!dialectOf(runner).postgres) return;
    for (const { table } of WAKE_UPS) await runner.query(`DROP TRIGGER "${table}_wake_instances" ON "${table}"`);
    await runner.query(`DROP FUNCTION "wake_instances"()`);
  }
}
