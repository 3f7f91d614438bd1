import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../sql-dialect';

/** Agencies, cases with their history, inbox tasks and the case-number sequences. */
export class Initial1763800000000 implements MigrationInterface {
  name = 'Initial1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    const d = dialectOf(runner);
    await runner.query(`CREATE TABLE "agencies" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "type" varchar(32) NOT NULL,
      "name_vi" varchar(200) NOT NULL,
      "name_en" varchar(200) NOT NULL,
      "level" varchar(16) NOT NULL,
      "province_code" varchar(16),
      "district_code" varchar(32),
      "commune_code" varchar(48),
      "email" varchar(200),
      "active" boolean NOT NULL,
      "created_at" ${d.timestamp} NOT NULL,
      "updated_at" ${d.timestamp} NOT NULL)`);
    await runner.query(`CREATE INDEX "idx_agencies_type_province" ON "agencies" ("type", "province_code")`);

    await runner.query(`CREATE TABLE "cases" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "case_number" varchar(32) NOT NULL,
      "province_code" varchar(16) NOT NULL,
      "district_code" varchar(32),
      "commune_code" varchar(48) NOT NULL,
      "receiving_agency_id" varchar(36) NOT NULL REFERENCES "agencies" ("id"),
      "received_at" ${d.timestamp} NOT NULL,
      "channel" varchar(32) NOT NULL,
      "category" varchar(32) NOT NULL,
      "intake" ${d.json} NOT NULL,
      "status" varchar(48) NOT NULL,
      "snapshot" ${d.json} NOT NULL,
      "machine_version" integer NOT NULL,
      "policy_version" varchar(16) NOT NULL,
      "version" integer NOT NULL,
      "opened_at" ${d.timestamp} NOT NULL,
      "updated_at" ${d.timestamp} NOT NULL,
      "closed_at" ${d.timestamp},
      CONSTRAINT "uq_cases_case_number" UNIQUE ("case_number"))`);
    await runner.query(`CREATE INDEX "idx_cases_commune_status" ON "cases" ("commune_code", "status")`);
    await runner.query(`CREATE INDEX "idx_cases_received" ON "cases" ("received_at")`);

    await runner.query(`CREATE TABLE "case_events" (
      "id" ${d.serialKey},
      "case_id" varchar(36) NOT NULL REFERENCES "cases" ("id"),
      "seq" integer NOT NULL,
      "type" varchar(48) NOT NULL,
      "payload" ${d.json} NOT NULL,
      "actor" varchar(64) NOT NULL,
      "at" ${d.timestamp} NOT NULL)`);
    await runner.query(`CREATE UNIQUE INDEX "uq_case_events_case_seq" ON "case_events" ("case_id", "seq")`);
    // The history is append-only: the database itself refuses to change or remove a line.
    for (const statement of d.appendOnly('case_events', 'case history is append-only')) await runner.query(statement);

    await runner.query(`CREATE TABLE "tasks" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "case_id" varchar(36) NOT NULL REFERENCES "cases" ("id"),
      "step" varchar(64) NOT NULL,
      "action" varchar(32) NOT NULL,
      "referral" varchar(32),
      "agency_id" varchar(36) NOT NULL REFERENCES "agencies" ("id"),
      "role" varchar(16) NOT NULL,
      "commune_code" varchar(48) NOT NULL,
      "due_at" ${d.timestamp} NOT NULL,
      "status" varchar(8) NOT NULL,
      "assignee" varchar(64),
      "claimed_at" ${d.timestamp},
      "opened_at" ${d.timestamp} NOT NULL,
      "closed_at" ${d.timestamp},
      "closed_by_seq" integer)`);
    await runner.query(`CREATE INDEX "idx_tasks_inbox" ON "tasks" ("agency_id", "status", "due_at")`);
    await runner.query(`CREATE INDEX "idx_tasks_due" ON "tasks" ("status", "due_at")`);
    await runner.query(`CREATE INDEX "idx_tasks_case" ON "tasks" ("case_id", "status")`);

    await runner.query(`CREATE TABLE "case_number_counters" (
      "province_code" varchar(16) NOT NULL,
      "year" integer NOT NULL,
      "last_seq" integer NOT NULL,
      PRIMARY KEY ("province_code", "year"))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const d = dialectOf(runner);
    await runner.query(`DROP TABLE "case_number_counters"`);
    await runner.query(`DROP TABLE "tasks"`);
    for (const statement of d.dropAppendOnly('case_events')) await runner.query(statement);
    await runner.query(`DROP TABLE "case_events"`);
    await runner.query(`DROP TABLE "cases"`);
    await runner.query(`DROP TABLE "agencies"`);
  }
}
