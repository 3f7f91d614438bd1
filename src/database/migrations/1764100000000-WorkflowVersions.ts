import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each task keeps the workflow and policy versions that planned it, so that its deadline and its
 * escalation ladder stay those it was opened with; every task so far was planned by version 1.
 */
export class WorkflowVersions1764100000000 implements MigrationInterface {
  name = 'WorkflowVersions1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "tasks" ADD COLUMN "machine_version" integer NOT NULL DEFAULT 1`);
    await runner.query(`ALTER TABLE "tasks" ADD COLUMN "policy_version" varchar(16) NOT NULL DEFAULT '2026.1'`);
    await runner.query(`CREATE INDEX "idx_cases_machine_version" ON "cases" ("machine_version")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "idx_cases_machine_version"`);
    await runner.query(`ALTER TABLE "tasks" DROP COLUMN "policy_version"`);
    await runner.query(`ALTER TABLE "tasks" DROP COLUMN "machine_version"`);
  }
}
