import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../sql-dialect';

/**
 * PostgreSQL: audit lines are numbered and hashed where they are inserted, by one function that
 * takes the chain's lock (the same advisory lock every instance takes), reads the chain's head as
 * it stands once the lock is granted, and appends each line one past the line before, hashed over
 * that line's hash and its content as `lineHash` hashes it (`src/audit/audit-chain.ts`): the
 * JavaScript verifier checks what the database wrote. A function's statements are planned once per
 * connection; the same work as one statement was planned again for every unit. SQLite has one
 * writer, which numbers and hashes the lines itself.
 *
 * `lines`: a JSON array of `{ at, actorId, actorAgencyId, action, subjectType, subjectId, outcome,
 * detail, content }`, `content` being the hashed content after the line's number (contentAfterSeq).
 */
export class AuditAppend1764900000000 implements MigrationInterface {
  name = 'AuditAppend1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    if (!dialectOf(runner).postgres) return;
    await runner.query(`CREATE FUNCTION "append_audit_lines"("lines" json) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        "head_seq" integer;
        "head_hash" text;
        "line" json;
      BEGIN
        PERFORM pg_advisory_xact_lock(7146001);
        SELECT "seq", "hash" INTO "head_seq", "head_hash" FROM "audit_log" ORDER BY "seq" DESC LIMIT 1;
        IF NOT FOUND THEN
          "head_seq" := 0;
          "head_hash" := repeat('0', 64);
        END IF;
        FOR "line" IN SELECT * FROM json_array_elements("lines") LOOP
          "head_seq" := "head_seq" + 1;
          INSERT INTO "audit_log" ("seq", "at", "actor_id", "actor_agency_id", "action", "subject_type", "subject_id", "outcome", "detail", "prev_hash", "hash")
          VALUES ("head_seq", ("line"->>'at')::timestamptz, "line"->>'actorId', "line"->>'actorAgencyId', "line"->>'action', "line"->>'subjectType',
            "line"->>'subjectId', "line"->>'outcome', "line"->'detail', "head_hash",
            encode(sha256(convert_to("head_hash" || chr(10) || '[' || "head_seq" || ',' || ("line"->>'content'), 'UTF8')), 'hex'))
          RETURNING "hash" INTO "head_hash";
        END LOOP;
      END $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    if (!dialectOf(runner).postgres) return;
    await runner.query(`DROP FUNCTION "append_audit_lines"(json)`);
  }
}
