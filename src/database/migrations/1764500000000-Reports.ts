import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../sql-dialect';

/** The referral kinds and their facts as this migration found them; later kinds come with their own migration. */
const REFERRAL_PREFIXES = ['police', 'education', 'health', 'social_support', 'labour_inspection', 'shelter'];
const REFERRAL_FACTS = ['opened_at', 'due_at', 'accepted_at', 'declined_at', 'completed_at', 'result', 'late_at'];

/**
 * The periodic reports: each case's facts as the indicators count them (times in milliseconds), the
 * figures entered by hand per unit and period, and the reports themselves, frozen once submitted.
 */
export class Reports1764500000000 implements MigrationInterface {
  name = 'Reports1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    const d = dialectOf(runner);
    const referralColumns = REFERRAL_PREFIXES.flatMap((prefix) =>
      REFERRAL_FACTS.map((fact) => `"${prefix}_${fact}" ${fact === 'result' ? 'varchar(48)' : 'bigint'}`),
    );
    await runner.query(`CREATE TABLE "case_facts" (
      "case_id" varchar(36) PRIMARY KEY NOT NULL,
      "province_code" varchar(16) NOT NULL,
      "commune_code" varchar(48) NOT NULL,
      "received_at" bigint NOT NULL,
      "sex" varchar(16) NOT NULL,
      "age_band" varchar(8) NOT NULL,
      "ethnicity" varchar(60) NOT NULL,
      "channel" varchar(32) NOT NULL,
      "category" varchar(32) NOT NULL,
      "verification_due_at" bigint NOT NULL,
      "verified_at" bigint,
      "unlawful_at" bigint,
      "trafficking_at" bigint,
      "police_told_at" bigint,
      "follow_up_at" bigint,
      "closed_at" bigint,
      "closure_reason" varchar(16),
      "active_until" bigint NOT NULL,
      ${referralColumns.join(',\n      ')})`);
    await runner.query(`CREATE INDEX "idx_case_facts_active" ON "case_facts" ("province_code", "active_until")`);
    await runner.query(`CREATE INDEX "idx_case_facts_closed" ON "case_facts" ("province_code", "closed_at")`);
    await runner.query(`CREATE TABLE "report_manual_values" (
      "unit_level" varchar(16) NOT NULL,
      "unit_code" varchar(48) NOT NULL,
      "period_id" varchar(8) NOT NULL,
      "indicator_id" varchar(48) NOT NULL,
      "value" double precision NOT NULL,
      "entered_by" varchar(64) NOT NULL,
      "entered_by_agency_id" varchar(36) NOT NULL,
      "entered_at" ${d.timestamp} NOT NULL,
      PRIMARY KEY ("unit_level", "unit_code", "period_id", "indicator_id"))`);
    await runner.query(`CREATE TABLE "reports" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "unit_level" varchar(16) NOT NULL,
      "unit_code" varchar(48) NOT NULL,
      "period_id" varchar(8) NOT NULL,
      "status" varchar(16) NOT NULL,
      "source" varchar(16) NOT NULL,
      "indicators_version" varchar(16) NOT NULL,
      "figures" ${d.json} NOT NULL,
      "figures_hash" varchar(64) NOT NULL,
      "workbook" text NOT NULL,
      "workbook_hash" varchar(64) NOT NULL,
      "agency_id" varchar(36) NOT NULL,
      "submitted_by" varchar(64) NOT NULL,
      "submitted_at" ${d.timestamp} NOT NULL,
      "due_at" ${d.timestamp} NOT NULL,
      "received_by" varchar(64),
      "received_at" ${d.timestamp})`);
    await runner.query(`CREATE UNIQUE INDEX "uq_reports_unit_period" ON "reports" ("unit_level", "unit_code", "period_id")`);
    await runner.query(`ALTER TABLE "reporting_chains" ADD COLUMN "report_schedule" varchar(32)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "reporting_chains" DROP COLUMN "report_schedule"`);
    await runner.query(`DROP TABLE "reports"`);
    await runner.query(`DROP TABLE "report_manual_values"`);
    await runner.query(`DROP TABLE "case_facts"`);
  }
}
