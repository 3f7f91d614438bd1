import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../sql-dialect';
import schedules from '../data/official-schedules-2025-2026.json';

/**
 * The working-day calendar as editable data (seeded with the official 2025–2026 schedules), alert
 * bookkeeping on tasks, the alerts themselves and the e-mail outbox.
 */
export class DeadlinesAlertsOutbox1763900000000 implements MigrationInterface {
  name = 'DeadlinesAlertsOutbox1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    const d = dialectOf(runner);
    await runner.query(`CREATE TABLE "calendar_days" (
      "date" varchar(10) PRIMARY KEY NOT NULL,
      "kind" varchar(16) NOT NULL,
      "name_vi" varchar(120) NOT NULL,
      "name_en" varchar(120) NOT NULL,
      "updated_at" ${d.timestamp} NOT NULL,
      "updated_by" varchar(64) NOT NULL)`);
    await runner.query(`CREATE TABLE "calendar_years" (
      "year" integer PRIMARY KEY NOT NULL,
      "published" boolean NOT NULL,
      "updated_at" ${d.timestamp} NOT NULL,
      "updated_by" varchar(64) NOT NULL)`);
    // The schedules as published, frozen beside this migration: the calendar code may change, this data may not.
    const now = d.time(new Date());
    for (const day of schedules.days) {
      await runner.query(
        `INSERT INTO "calendar_days" ("date", "kind", "name_vi", "name_en", "updated_at", "updated_by") VALUES (${[0, 1, 2, 3, 4].map(d.param).join(', ')}, 'official')`,
        [day.date, day.kind, day.nameVi, day.nameEn, now],
      );
    }
    for (const year of schedules.publishedYears) {
      await runner.query(`INSERT INTO "calendar_years" ("year", "published", "updated_at", "updated_by") VALUES (${d.param(0)}, ${d.param(1)}, ${d.param(2)}, 'official')`, [year, true, now]);
    }

    await runner.query(`ALTER TABLE "tasks" ADD COLUMN "alert_level" varchar(16)`);
    await runner.query(`ALTER TABLE "tasks" ADD COLUMN "next_alert_at" ${d.timestamp}`);
    // Tasks opened before alerts existed are looked at on the first scan, which sets their ladder.
    await runner.query(`UPDATE "tasks" SET "next_alert_at" = "opened_at" WHERE "status" = 'open'`);
    await runner.query(`CREATE INDEX "idx_tasks_next_alert" ON "tasks" ("status", "next_alert_at")`);

    await runner.query(`CREATE TABLE "alerts" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "task_id" varchar(36) NOT NULL REFERENCES "tasks" ("id"),
      "case_id" varchar(36) NOT NULL REFERENCES "cases" ("id"),
      "level" varchar(16) NOT NULL,
      "agency_id" varchar(36) NOT NULL REFERENCES "agencies" ("id"),
      "lead_agency_id" varchar(36) REFERENCES "agencies" ("id"),
      "commune_code" varchar(48) NOT NULL,
      "step" varchar(64) NOT NULL,
      "due_at" ${d.timestamp} NOT NULL,
      "raised_at" ${d.timestamp} NOT NULL,
      "acknowledged_at" ${d.timestamp},
      "acknowledged_by" varchar(64),
      CONSTRAINT "uq_alerts_task_level" UNIQUE ("task_id", "level"))`);
    await runner.query(`CREATE INDEX "idx_alerts_agency" ON "alerts" ("agency_id", "raised_at")`);
    await runner.query(`CREATE INDEX "idx_alerts_lead_agency" ON "alerts" ("lead_agency_id", "raised_at")`);

    await runner.query(`CREATE TABLE "outbox_messages" (
      "id" varchar(120) PRIMARY KEY NOT NULL,
      "kind" varchar(32) NOT NULL,
      "recipients" ${d.json} NOT NULL,
      "subject" varchar(300) NOT NULL,
      "body" text NOT NULL,
      "created_at" ${d.timestamp} NOT NULL,
      "attempts" integer NOT NULL,
      "next_attempt_at" ${d.timestamp} NOT NULL,
      "sent_at" ${d.timestamp},
      "last_error" varchar(300))`);
    await runner.query(`CREATE INDEX "idx_outbox_pending" ON "outbox_messages" ("sent_at", "next_attempt_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "outbox_messages"`);
    await runner.query(`DROP TABLE "alerts"`);
    await runner.query(`DROP INDEX "idx_tasks_next_alert"`);
    await runner.query(`ALTER TABLE "tasks" DROP COLUMN "next_alert_at"`);
    await runner.query(`ALTER TABLE "tasks" DROP COLUMN "alert_level"`);
    await runner.query(`DROP TABLE "calendar_years"`);
    await runner.query(`DROP TABLE "calendar_days"`);
  }
}
