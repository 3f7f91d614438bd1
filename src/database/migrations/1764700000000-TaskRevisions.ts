import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../sql-dialect';

/**
 * Each task counts its own changes, in the database, so that a reader can tell in one small
 * statement whether a case it read before is still as it was: the case's version moves with every
 * event, and the count and sum of its tasks' revisions move with every change to a task (claimed,
 * handed on, alerted, closed), whichever instance or statement made it. Tasks are closed, never
 * deleted; a deletion would let the sum fall back, so it is refused.
 */
export class TaskRevisions1764700000000 implements MigrationInterface {
  name = 'TaskRevisions1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    const d = dialectOf(runner);
    await runner.query(`ALTER TABLE "tasks" ADD COLUMN "revision" integer NOT NULL DEFAULT 0`);
    if (d.postgres) {
      await runner.query(`CREATE FUNCTION "next_task_revision"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.revision := OLD.revision + 1; RETURN NEW; END $$`);
      await runner.query(`CREATE TRIGGER "tasks_revision" BEFORE UPDATE ON "tasks" FOR EACH ROW EXECUTE FUNCTION "next_task_revision"()`);
    } else {
      // SQLite runs no trigger from inside its own trigger (recursive_triggers is off), so this update stops here.
      await runner.query(`CREATE TRIGGER "tasks_revision" AFTER UPDATE ON "tasks" BEGIN UPDATE "tasks" SET "revision" = OLD."revision" + 1 WHERE "id" = NEW."id"; END`);
    }
    for (const statement of d.refuseDelete('tasks', 'tasks are kept: a task is closed, never deleted')) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    const d = dialectOf(runner);
    for (const statement of d.dropRefuseDelete('tasks')) await runner.query(statement);
    if (d.postgres) {
      await runner.query(`DROP TRIGGER "tasks_revision" ON "tasks"`);
      await runner.query(`DROP FUNCTION "next_task_revision"()`);
    } else {
      await runner.query(`DROP TRIGGER "tasks_revision"`);
    }
    await runner.query(`ALTER TABLE "tasks" DROP COLUMN "revision"`);
  }
}
