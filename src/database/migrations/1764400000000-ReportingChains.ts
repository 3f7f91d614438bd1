import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../sql-dialect';

/**
 * Each province's reporting chain as data (who leads in a commune, who coordinates the province),
 * and alerts that reach the coordinating body when a step is escalated.
 */
export class ReportingChains1764400000000 implements MigrationInterface {
  name = 'ReportingChains1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    const d = dialectOf(runner);
    await runner.query(`CREATE TABLE "reporting_chains" (
      "province_code" varchar(16) PRIMARY KEY NOT NULL,
      "commune_lead_types" ${d.json} NOT NULL,
      "coordinator_agency_id" varchar(36),
      "updated_at" ${d.timestamp} NOT NULL)`);
    await runner.query(`ALTER TABLE "alerts" ADD COLUMN "coordinator_agency_id" varchar(36)`);
    await runner.query(`CREATE INDEX "idx_alerts_coordinator" ON "alerts" ("coordinator_agency_id", "raised_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "idx_alerts_coordinator"`);
    await runner.query(`ALTER TABLE "alerts" DROP COLUMN "coordinator_agency_id"`);
    await runner.query(`DROP TABLE "reporting_chains"`);
  }
}
