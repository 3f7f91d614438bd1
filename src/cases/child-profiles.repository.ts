import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChildProfile, matchKeys } from '../../workflows/duplicate-reports';

/** How many cases a lookup weighs at most: those sharing the most keys with the report come first. */
const CANDIDATE_LIMIT = 200;
/** Rows per insert statement, under SQLite's bound-parameter limit. */
const KEYS_PER_STATEMENT = 300;

export interface StoredProfile {
  caseId: string;
  caseNumber: string;
  status: string;
  receivingAgencyId: string;
  provinceCode: string;
  districtCode: string | null;
  communeCode: string;
  profile: ChildProfile;
}

/** The profiles of the children on cases, and the keys they are found by. */
@Injectable()
export class ChildProfilesRepository {
  /** Keeps one report's profile on its case and indexes it; keys the case already has are left as they are. */
  async insert(manager: EntityManager, caseId: string, reportSeq: number, profile: ChildProfile): Promise<void> {
    const driver = manager.connection.driver;
    const p = (i: number) => driver.createParameter(`p${i}`, i);
    await manager.query(`INSERT INTO "child_profiles" ("case_id", "report_seq", "profile") VALUES (${p(0)}, ${p(1)}, ${p(2)})`, [caseId, reportSeq, JSON.stringify(profile)]);
    await this.insertKeys(manager, [{ caseId, profile }]);
  }

  /** Indexes many profiles at once: for cases opened before profiles were kept, and for benchmarks. */
  async insertMany(manager: EntityManager, rows: Array<{ caseId: string; reportSeq: number; profile: ChildProfile }>): Promise<void> {
    const driver = manager.connection.driver;
    for (let at = 0; at < rows.length; at += KEYS_PER_STATEMENT / 3) {
      const batch = rows.slice(at, at + KEYS_PER_STATEMENT / 3);
      let i = 0;
      const values = batch.map(() => `(${[0, 1, 2].map(() => driver.createParameter(`p${i}`, i++)).join(', ')})`);
      await manager.query(
        `INSERT INTO "child_profiles" ("case_id", "report_seq", "profile") VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
        batch.flatMap((row) => [row.caseId, row.reportSeq, JSON.stringify(row.profile)]),
      );
    }
    await this.insertKeys(manager, rows);
  }

  private async insertKeys(manager: EntityManager, rows: Array<{ caseId: string; profile: ChildProfile }>): Promise<void> {
    const driver = manager.connection.driver;
    const keys = rows.flatMap(({ caseId, profile }) => matchKeys(profile).map((key) => [profile.provinceCode, key, caseId]));
    for (let at = 0; at < keys.length; at += KEYS_PER_STATEMENT) {
      const batch = keys.slice(at, at + KEYS_PER_STATEMENT);
      let i = 0;
      const values = batch.map(() => `(${[0, 1, 2].map(() => driver.createParameter(`p${i}`, i++)).join(', ')})`);
      await manager.query(`INSERT INTO "child_match_keys" ("province_code", "match_key", "case_id") VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`, batch.flat());
    }
  }

  /**
   * The profiles of the cases sharing a key with `keys` in these provinces, with each case's number
   * and status: at most CANDIDATE_LIMIT cases, those sharing the most keys first.
   */
  async candidates(manager: EntityManager, provinceCodes: string[], keys: string[]): Promise<StoredProfile[]> {
    if (keys.length === 0 || provinceCodes.length === 0) return [];
    const driver = manager.connection.driver;
    let i = 0;
    const list = (values: unknown[]) => values.map(() => driver.createParameter(`p${i}`, i++)).join(', ');
    const provinces = list(provinceCodes);
    const keyList = list(keys);
    const limit = driver.createParameter(`p${i}`, i++);
    const rows: Array<{
      case_id: string;
      case_number: string;
      status: string;
      receiving_agency_id: string;
      province_code: string;
      district_code: string | null;
      commune_code: string;
      profile: string | ChildProfile;
    }> = await manager.query(
      `WITH hits AS (
         SELECT "case_id", COUNT(*) AS shared FROM "child_match_keys"
         WHERE "province_code" IN (${provinces}) AND "match_key" IN (${keyList})
         GROUP BY "case_id" ORDER BY shared DESC, "case_id" LIMIT ${limit})
       SELECT c."id" AS case_id, c."case_number", c."status", c."receiving_agency_id", c."province_code", c."district_code", c."commune_code", p."profile"
       FROM hits JOIN "cases" c ON c."id" = hits."case_id" JOIN "child_profiles" p ON p."case_id" = hits."case_id"`,
      [...provinceCodes, ...keys, CANDIDATE_LIMIT],
    );
    return rows.map((row) => ({
      caseId: row.case_id,
      caseNumber: row.case_number,
      status: row.status,
      receivingAgencyId: row.receiving_agency_id,
      provinceCode: row.province_code,
      districtCode: row.district_code,
      communeCode: row.commune_code,
      profile: typeof row.profile === 'string' ? (JSON.parse(row.profile) as ChildProfile) : row.profile,
    }));
  }

  /** Cases that have no profile yet, oldest first. */
  async casesWithout(manager: EntityManager, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT c."id" FROM "cases" c WHERE NOT EXISTS (SELECT 1 FROM "child_profiles" p WHERE p."case_id" = c."id") ORDER BY c."opened_at", c."id" LIMIT ${manager.connection.driver.createParameter('p0', 0)}`,
      [limit],
    );
    return rows.map((row) => row.id);
  }
}
