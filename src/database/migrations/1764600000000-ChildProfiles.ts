import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../sql-dialect';

/**
 * What each report says of its child, in the form duplicate detection compares (one row per report
 * on a case: the opening one and each report linked to it later), and the keys it is found by
 * within its province. Keys are looked up, never scanned: the key table is its own primary index.
 * And the hotline's flags on callers (a phone number, a kind, a last day).
 */
export class ChildProfiles1764600000000 implements MigrationInterface {
  name = 'ChildProfiles1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    const d = dialectOf(runner);
    await runner.query(`CREATE TABLE "child_profiles" (
      "case_id" varchar(36) NOT NULL,
      "report_seq" integer NOT NULL,
      "profile" ${d.json} NOT NULL,
      PRIMARY KEY ("case_id", "report_seq"))`);
    await runner.query(`CREATE TABLE "child_match_keys" (
      "province_code" varchar(16) NOT NULL,
      "match_key" varchar(80) NOT NULL,
      "case_id" varchar(36) NOT NULL,
      PRIMARY KEY ("province_code", "match_key", "case_id"))${d.postgres ? '' : ' WITHOUT ROWID'}`);
    await runner.query(`CREATE TABLE "caller_flags" (
      "phone" varchar(16) PRIMARY KEY NOT NULL,
      "kind" varchar(32) NOT NULL,
      "note" varchar(300),
      "until" varchar(10) NOT NULL,
      "set_by" varchar(64) NOT NULL,
      "set_by_agency_id" varchar(36) NOT NULL,
      "set_at" ${d.timestamp} NOT NULL)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "caller_flags"`);
    await runner.query(`DROP TABLE "child_match_keys"`);
    await runner.query(`DROP TABLE "child_profiles"`);
  }
}
