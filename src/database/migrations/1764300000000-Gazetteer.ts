import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../sql-dialect';
import units from '../data/vn-administrative-units-2025.json';

/**
 * The administrative units of the two-tier map in force since 1 July 2025 (34 provinces, 3,314
 * communes, wards and special zones, with their statistics codes), from the frozen copy in
 * `database/data/` with its MIT licence; and the table of mergers that administrators record.
 */
export class Gazetteer1764300000000 implements MigrationInterface {
  name = 'Gazetteer1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    const d = dialectOf(runner);
    await runner.query(`CREATE TABLE "administrative_units" (
      "code" varchar(16) PRIMARY KEY NOT NULL,
      "level" varchar(16) NOT NULL,
      "name" varchar(120) NOT NULL,
      "search_name" varchar(120) NOT NULL,
      "province_code" varchar(16),
      "updated_at" ${d.timestamp} NOT NULL)`);
    await runner.query(`CREATE INDEX "idx_units_province" ON "administrative_units" ("province_code")`);
    await runner.query(`CREATE TABLE "unit_mergers" (
      "old_code" varchar(16) PRIMARY KEY NOT NULL,
      "new_code" varchar(16) NOT NULL,
      "effective_on" varchar(10) NOT NULL,
      "recorded_at" ${d.timestamp} NOT NULL)`);

    const loadedAt = d.time(new Date('2025-07-01T00:00:00Z'));
    const rows = units.provinces.flatMap((province) => [
      [province.code, 'province', province.name, foldForSearch(province.name), null, loadedAt],
      ...province.communes.map((commune) => [commune.code, 'commune', commune.name, foldForSearch(commune.name), province.code, loadedAt]),
    ]);
    // 100 rows of six values a statement stays under SQLite's limit on parameters.
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      let n = 0;
      const values = chunk.map(() => `(${Array.from({ length: 6 }, () => d.param(n++)).join(', ')})`);
      await runner.query(
        `INSERT INTO "administrative_units" ("code", "level", "name", "search_name", "province_code", "updated_at") VALUES ${values.join(', ')}`,
        chunk.flat(),
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "unit_mergers"`);
    await runner.query(`DROP TABLE "administrative_units"`);
  }
}

/** The search form of a name as it was when these units were loaded: no tone marks, đ as d, lower case. */
function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
