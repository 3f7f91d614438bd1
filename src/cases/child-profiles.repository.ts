import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { writeAndForget } from '../database/held-writes';
import { CALLER_AREA, callerKey, ChildProfile, keyWeight, matchKeys } from '../../workflows/duplicate-reports';

/** How many cases a lookup weighs at most: those sharing the most keys with the report come first. */
const CANDIDATE_LIMIT = 200;
/**
 * Rows read per key at most. A common given name is shared by tens of thousands in a province; a
 * case found only through it (another commune, no birth date, phone or guardian in common) cannot
 * reach "possible", so reading all of them would only cost time.
 */
const ROWS_PER_KEY = 1000;
/** Bound values per insert statement, well under SQLite's limit. */
const VALUES_PER_STATEMENT = 900;
const PROFILE_COLUMNS = ['case_id', 'report_seq', 'profile'];
const KEY_COLUMNS = ['province_code', 'match_key', 'case_id'];

/** Inserts rows of these columns, as many to a statement as VALUES_PER_STATEMENT allows. */
async function insertValues(manager: EntityManager, table: string, columns: string[], rows: unknown[][], onConflict = ''): Promise<void> {
  const driver = manager.connection.driver;
  const perStatement = Math.floor(VALUES_PER_STATEMENT / columns.length);
  for (let at = 0; at < rows.length; at += perStatement) {
    const batch = rows.slice(at, at + perStatement);
    let i = 0;
    const values = batch.map((row) => `(${row.map(() => driver.createParameter(`p${i}`, i++)).join(', ')})`);
    await writeAndForget(manager, `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values.join(', ')}${onConflict}`, batch.flat());
  }
}

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

export interface CallerReport {
  caseNumber: string;
  status: string;
  /** When the caller made this report. */
  receivedAt: string;
}

/** The profiles of the children on cases, and the keys they are found by. */
@Injectable()
export class ChildProfilesRepository {
  /** Keeps one report's profile on its case and indexes it; keys the case already has are left as they are. */
  async insert(manager: EntityManager, caseId: string, reportSeq: number, profile: ChildProfile): Promise<void> {
    await insertValues(manager, 'child_profiles', PROFILE_COLUMNS, [[caseId, reportSeq, JSON.stringify(profile)]]);
    await this.insertKeys(manager, [{ caseId, profile }]);
  }

  /** Indexes many profiles at once: for cases opened before profiles were kept, and for benchmarks. */
  async insertMany(manager: EntityManager, rows: Array<{ caseId: string; reportSeq: number; profile: ChildProfile }>): Promise<void> {
    await insertValues(manager, 'child_profiles', PROFILE_COLUMNS, rows.map((row) => [row.caseId, row.reportSeq, JSON.stringify(row.profile)]), ' ON CONFLICT DO NOTHING');
    await this.insertKeys(manager, rows);
  }

  private async insertKeys(manager: EntityManager, rows: Array<{ caseId: string; profile: ChildProfile }>): Promise<void> {
    const keys = rows.flatMap(({ caseId, profile }) => [
      ...matchKeys(profile).map((key) => [profile.provinceCode, key, caseId]),
      ...(profile.callerPhone ? [[CALLER_AREA, callerKey(profile.callerPhone), caseId]] : []),
    ]);
    await insertValues(manager, 'child_match_keys', KEY_COLUMNS, keys, ' ON CONFLICT DO NOTHING');
  }

  /**
   * The profiles of the cases sharing a key with `keys` in these provinces, with each case's number
   * and status: at most CANDIDATE_LIMIT cases, those sharing the most telling keys first.
   */
  async candidates(manager: EntityManager, provinceCodes: string[], keys: string[]): Promise<StoredProfile[]> {
    if (keys.length === 0 || provinceCodes.length === 0) return [];
    const driver = manager.connection.driver;
    let i = 0;
    const list = (values: unknown[]) => values.map(() => driver.createParameter(`p${i}`, i++)).join(', ');
    // Each key's rows with the key's weight (a number of ours, written into the statement).
    const perKey = keys.map((matchKey, k) => {
      const provinces = list(provinceCodes);
      const key = list([null]);
      return `SELECT "case_id", ${keyWeight(matchKey)} AS weight FROM (SELECT "case_id" FROM "child_match_keys" WHERE "province_code" IN (${provinces}) AND "match_key" = ${key} LIMIT ${ROWS_PER_KEY}) AS k${k}`;
    });
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
         SELECT "case_id", SUM(weight) AS shared FROM (${perKey.join(' UNION ALL ')}) AS found
         GROUP BY "case_id" ORDER BY shared DESC, "case_id" LIMIT ${limit})
       SELECT c."id" AS case_id, c."case_number", c."status", c."receiving_agency_id", c."province_code", c."district_code", c."commune_code", p."profile"
       FROM hits JOIN "cases" c ON c."id" = hits."case_id" JOIN "child_profiles" p ON p."case_id" = hits."case_id"`,
      [...keys.flatMap((key) => [...provinceCodes, key]), CANDIDATE_LIMIT],
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

  /**
   * The reports a caller made (through the caller's national key), newest first, each on the case
   * it opened or was added to: at most `limit`, and how many in all among the last CANDIDATE_LIMIT cases.
   */
  async callerReports(manager: EntityManager, phone: string, limit: number): Promise<{ total: number; recent: CallerReport[] }> {
    const driver = manager.connection.driver;
    const [p0, p1, p2] = [0, 1, 2].map((i) => driver.createParameter(`p${i}`, i));
    const rows: Array<{ case_number: string; status: string; profile: string | ChildProfile }> = await manager.query(
      `SELECT c."case_number", c."status", p."profile" FROM "child_match_keys" k
       JOIN "cases" c ON c."id" = k."case_id" JOIN "child_profiles" p ON p."case_id" = k."case_id"
       WHERE k."province_code" = ${p0} AND k."match_key" = ${p1}
       ORDER BY c."received_at" DESC, c."id" LIMIT ${p2}`,
      [CALLER_AREA, callerKey(phone), CANDIDATE_LIMIT],
    );
    const reports = rows
      .map((row) => ({ row, profile: typeof row.profile === 'string' ? (JSON.parse(row.profile) as ChildProfile) : row.profile }))
      .filter(({ profile }) => profile.callerPhone === phone)
      .map(({ row, profile }) => ({ caseNumber: row.case_number, status: row.status, receivedAt: profile.receivedAt }))
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    return { total: reports.length, recent: reports.slice(0, limit) };
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
