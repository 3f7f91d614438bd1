import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in failures are counted per username and address instead of locking the account, so that a
 * stranger's wrong passwords slow the stranger and not the person whose account it is; and alerts are
 * acknowledged by each agency that watches them, separately.
 */
export class SignInThrottle1764200000000 implements MigrationInterface {
  name = 'SignInThrottle1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "sign_in_records" (
      "username" varchar(64) NOT NULL,
      "address" varchar(64) NOT NULL,
      "failures" integer NOT NULL,
      "last_failed_at" datetime,
      "last_succeeded_at" datetime,
      PRIMARY KEY ("username", "address"))`);
    await runner.query(`ALTER TABLE "accounts" DROP COLUMN "locked_until"`);
    await runner.query(`ALTER TABLE "accounts" DROP COLUMN "failed_attempts"`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "accounts" ADD COLUMN "failed_attempts" integer NOT NULL DEFAULT 0`);
    await runner.query(`ALTER TABLE "accounts" ADD COLUMN "locked_until" datetime`);
    await runner.query(`DROP TABLE "sign_in_records"`);
  }
}
