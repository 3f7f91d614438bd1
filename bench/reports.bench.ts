/**
 * A province's 6-month report (2026-H1) as the history grows: 10,000, 100,000 and 1,000,000 cases,
 * against the 10,000-case report of the same run as the baseline. Each size is timed twice, for two
 * shapes of history, because they grow differently:
 *
 * - `steady`: cases arrive at a steady 20,000 a year, so more cases means more years behind the
 *   period (1,000,000 cases go back 50 years). This is how a deployment's history grows.
 * - `dense`: all cases fall in the 10 years before the period's end, so more cases means more in
 *   the period itself: the worst case, where the period's own cases grow with the total.
 *
 * Every case is in the reported province (the worst case for one province's report), spread over
 * its communes; 2 % are never closed. The facts rows are written straight into `case_facts`; the
 * report is then built by the service itself, as `GET /reports/province/12/2026-H1` and its workbook
 * build it (suppression, labels, audit line included). Median of 5 runs each.
 *
 *   npm run bench:reports
 *   BENCH_SIZES=10000,100000 BENCH_SHAPES=dense npm run bench:reports
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Actor } from '../src/common/actor.decorator';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const RUNS = 5;
type Shape = 'steady' | 'dense';
const SHAPES = (process.env.BENCH_SHAPES ?? 'steady,dense').split(',') as Shape[];
const workDir = mkdtempSync(join(tmpdir(), 'reports-bench-'));

process.env.DATABASE_PATH = join(workDir, 'reports.sqlite');
process.env.NODE_ENV = 'test';
process.env.SEED_DEMO_DATA = 'true';
process.env.ALERT_SCAN_INTERVAL_SECONDS = '0';
process.env.MAIL_RELAY_INTERVAL_SECONDS = '0';

const PERIOD_END = Date.parse('2026-06-14T17:00:00Z');
const YEAR = 365.25 * 86_400_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The province's coordinator, who reads the province's report. */
const COORDINATOR: Actor = {
  id: 'bench',
  username: 'bench',
  agencyId: '00000000-0000-4000-8000-000000000003',
  agencyType: 'HEALTH',
  roles: ['supervisor', 'coordinator'],
  scope: { level: 'province', code: '12' },
  sessionId: 'bench',
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** When case `i` (0 = the newest) was received, for each shape. */
function receivedSql(shape: Shape, total: number): string {
  return shape === 'steady' ? `${PERIOD_END} - 1 - i * ${Math.round(YEAR / 20_000)}` : `${PERIOD_END} - 1 - i * ${Math.floor((10 * YEAR) / total)}`;
}

/** Facts rows `from` … `to` - 1, made by SQLite itself: deterministic, and millions in seconds. */
function factsInsert(shape: Shape, from: number, to: number, total: number): string {
  const r = `(${receivedSql(shape, total)})`;
  const closed = `CASE WHEN i % 50 = 0 THEN NULL ELSE ${r} + 90 * ${DAY} END`;
  return `WITH RECURSIVE seq(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ${to})
    INSERT INTO case_facts (case_id, province_code, commune_code, received_at, sex, age_band, ethnicity, channel, category,
      verification_due_at, verified_at, unlawful_at, trafficking_at, police_told_at, follow_up_at, closed_at, closure_reason, active_until,
      police_opened_at, police_accepted_at, police_completed_at, police_result,
      education_opened_at, education_accepted_at, education_completed_at, education_result,
      health_opened_at, health_completed_at, health_late_at)
    SELECT printf('bench-%09d', i), '12', (SELECT code FROM bench_communes WHERE n = i % (SELECT COUNT(*) FROM bench_communes)),
      ${r}, CASE i % 3 WHEN 0 THEN 'female' WHEN 1 THEN 'male' ELSE 'unknown' END,
      CASE (i / 3) % 4 WHEN 0 THEN '5-11' WHEN 1 THEN '12-14' WHEN 2 THEN '15-17' ELSE 'other' END,
      CASE i % 6 WHEN 0 THEN 'Kinh' WHEN 1 THEN 'Thái' WHEN 2 THEN 'Mông' WHEN 3 THEN 'Dao' WHEN 4 THEN 'Hà Nhì' ELSE 'unknown' END,
      CASE i % 7 WHEN 0 THEN 'hotline_111' WHEN 1 THEN 'provincial_hotline' WHEN 2 THEN 'in_person' WHEN 3 THEN 'school' WHEN 4 THEN 'police' WHEN 5 THEN 'residential_group' ELSE 'online' END,
      'at_risk', ${r} + 12 * ${HOUR}, ${r} + (i % 20) * ${HOUR},
      CASE WHEN i % 5 = 0 THEN ${r} END, CASE WHEN i % 17 = 0 THEN ${r} END, CASE WHEN i % 17 = 0 THEN ${r} + (i % 3) * ${HOUR} END,
      ${r} + 5 * ${DAY}, ${closed}, CASE WHEN i % 50 = 0 THEN NULL WHEN i % 9 = 0 THEN 'unfounded' ELSE 'resolved' END,
      COALESCE(${closed}, ${r} + 5 * ${DAY}),
      CASE WHEN i % 17 = 0 THEN ${r} END, CASE WHEN i % 17 = 0 THEN ${r} + 6 * ${HOUR} END, CASE WHEN i % 17 = 0 THEN ${r} + 15 * ${DAY} END, CASE WHEN i % 17 = 0 THEN 'prosecution_opened' END,
      CASE WHEN i % 4 = 0 THEN ${r} + 6 * ${DAY} END, CASE WHEN i % 4 = 0 THEN ${r} + 7 * ${DAY} END, CASE WHEN i % 4 = 0 THEN ${r} + 20 * ${DAY} END,
      CASE WHEN i % 4 = 0 THEN (CASE WHEN i % 20 = 0 THEN 'not_enrolled' ELSE 'returned_to_school' END) END,
      CASE WHEN i % 6 = 0 THEN ${r} + 6 * ${DAY} END, CASE WHEN i % 6 = 0 THEN ${r} + 9 * ${DAY} END, CASE WHEN i % 12 = 0 THEN ${r} + 8 * ${DAY} END
    FROM seq`;
}

async function main(): Promise<void> {
  const { Test } = await import('@nestjs/testing');
  const { AppModule } = await import('../src/app.module');
  const { ReportsService } = await import('../src/reports/reports.service');
  const { DataSource } = await import('typeorm');

  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  const dataSource = app.get(DataSource);
  const reports = app.get(ReportsService);
  await dataSource.query(`CREATE TABLE bench_communes (n integer PRIMARY KEY, code text)`);
  await dataSource.query(
    `INSERT INTO bench_communes SELECT ROW_NUMBER() OVER (ORDER BY code) - 1, code FROM administrative_units WHERE province_code = '12' AND level = 'commune'`,
  );
  const rows: Array<Record<string, number | string>> = [];
  for (const shape of SHAPES) {
    await dataSource.query('DELETE FROM case_facts');
    let existing = 0;
    for (const size of SIZES) {
      const inserted = performance.now();
      // A dense history is laid out anew at each size; a steady one only reaches further back.
      if (shape === 'dense') {
        await dataSource.query('DELETE FROM case_facts');
        existing = 0;
      }
      for (let from = existing; from < size; from += 100_000) await dataSource.query(factsInsert(shape, from, Math.min(size, from + 100_000), size));
      existing = size;
      const insertSeconds = (performance.now() - inserted) / 1000;
      const [{ inPeriod }] = await dataSource.query(`SELECT COUNT(*) AS inPeriod FROM case_facts WHERE received_at >= ? AND received_at < ?`, [PERIOD_END - 182 * DAY, PERIOD_END]);
      const figures: number[] = [];
      const workbooks: number[] = [];
      let reported = 0;
      for (let run = 0; run < RUNS; run++) {
        let t = performance.now();
        const report = await reports.get('province', '12', '2026-H1', COORDINATOR);
        figures.push(performance.now() - t);
        reported = report.indicators.find((i) => i.id === 'children_reported')!.total.numerator ?? -1;
        t = performance.now();
        await reports.file('province', '12', '2026-H1', 'xlsx', COORDINATOR);
        workbooks.push(performance.now() - t);
      }
      const row = { shape, cases: size, casesInPeriod: Number(inPeriod), childrenReported: reported, insertSeconds: Number(insertSeconds.toFixed(1)), reportMs: Number(median(figures).toFixed(1)), workbookMs: Number(median(workbooks).toFixed(1)) };
      rows.push(row);
      console.log(`${shape} ${size} cases (${inPeriod} in the period): report ${row.reportMs} ms, workbook ${row.workbookMs} ms`);
    }
  }
  await app.close();

  const growth = rows.map((r) => {
    const base = rows.find((b) => b.shape === r.shape && b.cases === SIZES[0])!;
    return {
      shape: r.shape,
      cases: r.cases,
      casesRatio: Number(r.cases) / Number(base.cases),
      reportRatio: Number((Number(r.reportMs) / Number(base.reportMs)).toFixed(2)),
      workbookRatio: Number((Number(r.workbookMs) / Number(base.workbookMs)).toFixed(2)),
    };
  });
  for (const g of growth) console.log(`${g.shape} ×${g.casesRatio} cases: report ×${g.reportRatio}, workbook ×${g.workbookRatio} of the ${SIZES[0]}-case baseline`);
  const at = new Date().toISOString();
  const file = join(__dirname, 'results', `reports-${at.replace(/[:.]/g, '-')}.json`);
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ benchmark: 'province 6-month report', at, node: process.version, period: '2026-H1', runs: RUNS, baseline: SIZES[0], rows, growth }, null, 2)}\n`);
  console.log(`figures: ${file}`);
  rmSync(workDir, { recursive: true, force: true });
}

void main();
