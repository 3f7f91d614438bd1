import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../sql-dialect';

/** Accounts and their sessions, and the hash-chained audit trail. */
export class AccountsAudit1764000000000 implements MigrationInterface {
  name = 'AccountsAudit1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    const d = dialectOf(runner);
    await runner.query(`CREATE TABLE "accounts" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "username" varchar(64) NOT NULL,
      "display_name" varchar(120) NOT NULL,
      "agency_id" varchar(36) NOT NULL REFERENCES "agencies" ("id"),
      "roles" ${d.json} NOT NULL,
      "scope_level" varchar(16) NOT NULL,
      "scope_code" varchar(48),
      "password_hash" varchar(300) NOT NULL,
      "failed_attempts" integer NOT NULL,
      "locked_until" ${d.timestamp},
      "demo" boolean NOT NULL,
      "active" boolean NOT NULL,
      "created_at" ${d.timestamp} NOT NULL,
      "updated_at" ${d.timestamp} NOT NULL,
      CONSTRAINT "uq_accounts_username" UNIQUE ("username"))`);
    await runner.query(`CREATE TABLE "sessions" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "account_id" varchar(36) NOT NULL REFERENCES "accounts" ("id"),
      "refresh_hash" varchar(64) NOT NULL,
      "created_at" ${d.timestamp} NOT NULL,
      "expires_at" ${d.timestamp} NOT NULL,
      "revoked_at" ${d.timestamp})`);
    await runner.query(`CREATE INDEX "idx_sessions_account" ON "sessions" ("account_id")`);

    await runner.query(`CREATE TABLE "audit_log" (
      "seq" integer PRIMARY KEY NOT NULL,
      "at" ${d.timestamp} NOT NULL,
      "actor_id" varchar(64) NOT NULL,
      "actor_agency_id" varchar(36),
      "action" varchar(48) NOT NULL,
      "subject_type" varchar(16),
      "subject_id" varchar(64),
      "outcome" varchar(8) NOT NULL,
      "detail" ${d.json} NOT NULL,
      "prev_hash" varchar(64) NOT NULL,
      "hash" varchar(64) NOT NULL)`);
    await runner.query(`CREATE INDEX "idx_audit_subject" ON "audit_log" ("subject_type", "subject_id")`);
    // Append-only for the service; the hash chain shows an edit made around these triggers.
    for (const statement of d.appendOnly('audit_log', 'audit trail is append-only')) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "audit_log"`);
    await runner.query(`DROP TABLE "sessions"`);
    await runner.query(`DROP TABLE "accounts"`);
  }
}
