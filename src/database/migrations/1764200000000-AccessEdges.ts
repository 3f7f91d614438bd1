import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../sql-dialect';

/**
 * Access at its edges:
 * - sign-in failures counted per username and address instead of an account lock that any stranger
 *   could set off;
 * - single-use tickets for event streams, instead of access tokens in URLs;
 * - alerts acknowledged by each watching agency separately (an acknowledgement made before counts
 *   for both agencies that saw the alert, as it did then).
 */
export class AccessEdges1764200000000 implements MigrationInterface {
  name = 'AccessEdges1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    const d = dialectOf(runner);
    await runner.query(`CREATE TABLE "sign_in_records" (
      "username" varchar(64) NOT NULL,
      "address" varchar(64) NOT NULL,
      "failures" integer NOT NULL,
      "last_failed_at" ${d.timestamp},
      "last_succeeded_at" ${d.timestamp},
      PRIMARY KEY ("username", "address"))`);
    await runner.query(`ALTER TABLE "accounts" DROP COLUMN "locked_until"`);
    await runner.query(`ALTER TABLE "accounts" DROP COLUMN "failed_attempts"`);

    await runner.query(`CREATE TABLE "stream_tickets" (
      "hash" varchar(64) PRIMARY KEY NOT NULL,
      "actor" ${d.json} NOT NULL,
      "expires_at" ${d.timestamp} NOT NULL)`);

    await runner.query(`CREATE TABLE "alert_acknowledgements" (
      "alert_id" varchar(36) NOT NULL REFERENCES "alerts" ("id"),
      "agency_id" varchar(36) NOT NULL,
      "acknowledged_at" ${d.timestamp} NOT NULL,
      "acknowledged_by" varchar(64) NOT NULL,
      PRIMARY KEY ("alert_id", "agency_id"))`);
    await runner.query(`INSERT INTO "alert_acknowledgements" ("alert_id", "agency_id", "acknowledged_at", "acknowledged_by")
      SELECT "id", "agency_id", "acknowledged_at", "acknowledged_by" FROM "alerts" WHERE "acknowledged_at" IS NOT NULL
      UNION ALL
      SELECT "id", "lead_agency_id", "acknowledged_at", "acknowledged_by" FROM "alerts"
        WHERE "acknowledged_at" IS NOT NULL AND "lead_agency_id" IS NOT NULL AND "lead_agency_id" <> "agency_id"`);
    await runner.query(`ALTER TABLE "alerts" DROP COLUMN "acknowledged_at"`);
    await runner.query(`ALTER TABLE "alerts" DROP COLUMN "acknowledged_by"`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const d = dialectOf(runner);
    await runner.query(`ALTER TABLE "alerts" ADD COLUMN "acknowledged_by" varchar(64)`);
    await runner.query(`ALTER TABLE "alerts" ADD COLUMN "acknowledged_at" ${d.timestamp}`);
    await runner.query(`UPDATE "alerts" SET "acknowledged_at" = (SELECT MIN(k."acknowledged_at") FROM "alert_acknowledgements" k WHERE k."alert_id" = "alerts"."id"),
      "acknowledged_by" = (SELECT MIN(k."acknowledged_by") FROM "alert_acknowledgements" k WHERE k."alert_id" = "alerts"."id")`);
    await runner.query(`DROP TABLE "alert_acknowledgements"`);
    await runner.query(`DROP TABLE "stream_tickets"`);
    await runner.query(`ALTER TABLE "accounts" ADD COLUMN "failed_attempts" integer NOT NULL DEFAULT 0`);
    await runner.query(`ALTER TABLE "accounts" ADD COLUMN "locked_until" ${d.timestamp}`);
    await runner.query(`DROP TABLE "sign_in_records"`);
  }
}
