/**
 * Overdue detection as open tasks pile up: how long one scan takes over 10,000, 100,000 and
 * 1,000,000 open tasks, against the 10,000-task scan of the same run as the baseline.
 *
 *   npm run bench:overdue             # sizes 10000,100000,1000000
 *   BENCH_SIZES=10000,100000 npm run bench:overdue
 *
 * Per size: an idle scan (nothing due: what the timer pays every 20 seconds), a scan that raises the
 * alerts of 100 steps that just fell due, and the same due-step query forced to read the whole table
 * (NOT INDEXED), to show what the index saves. Figures go to bench/results/overdue-scan-<time>.json.
 */
import 'reflect-metadata';
import { BENCH_ACTOR } from './bench-actor';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import * as sqlite3 from 'sqlite3';
import type { TestClock } from '../test/support/test-clock';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const DUE_PER_SCAN = 100;
const CASES = 1000;
const IDLE_SCANS = 21;
const workDir = mkdtempSync(join(tmpdir(), 'overdue-bench-'));
const databasePath = join(workDir, 'overdue.sqlite');

process.env.DATABASE_PATH = databasePath;
process.env.NODE_ENV = 'test';
process.env.SEED_DEMO_DATA = 'true';
process.env.ALERT_SCAN_INTERVAL_SECONDS = '0';
process.env.MAIL_RELAY_INTERVAL_SECONDS = '0';

const T0 = Date.parse('2026-03-02T01:00:00Z');
const COMMUNE_AGENCY = '00000000-0000-4000-8000-000000000011';

function sqliteTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function withDatabase<T>(work: (run: (sql: string, params?: unknown[]) => Promise<void>) => Promise<T>): Promise<T> {
  const db = new sqlite3.Database(databasePath);
  const run = (sql: string, params: unknown[] = []) =>
    new Promise<void>((resolve, reject) => db.run(sql, params, (error) => (error ? reject(error) : resolve())));
  try {
    return await work(run);
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

/** Adds open tasks until there are `total`, far from due, and `DUE_PER_SCAN` that fall due at `dueAt`. */
async function grow(existing: number, total: number, caseIds: string[], dueAt: number): Promise<void> {
  await withDatabase(async (run) => {
    await run('BEGIN');
    const insert = `INSERT INTO tasks (id, case_id, step, action, referral, agency_id, role, commune_code, due_at, status, assignee,
      claimed_at, opened_at, closed_at, closed_by_seq, alert_level, next_alert_at)
      VALUES (?, ?, 'verification', 'verify', NULL, ?, 'officer', '03390', ?, 'open', NULL, NULL, ?, NULL, NULL, NULL, ?)`;
    for (let i = existing; i < total - DUE_PER_SCAN; i++) {
      // Spread over the coming year, so the index has to skip them.
      const due = T0 + 86_400_000 + (i % 365) * 86_400_000;
      await run(insert, [randomUUID(), caseIds[i % caseIds.length], COMMUNE_AGENCY, sqliteTime(due), sqliteTime(due - 12 * 3_600_000), sqliteTime(due - 3 * 3_600_000)]);
    }
    for (let i = 0; i < DUE_PER_SCAN; i++) {
      await run(insert, [randomUUID(), caseIds[i % caseIds.length], COMMUNE_AGENCY, sqliteTime(dueAt + 3 * 3_600_000), sqliteTime(dueAt - 9 * 3_600_000), sqliteTime(dueAt)]);
    }
    await run('COMMIT');
  });
}

async function main(): Promise<void> {
  const { Test } = await import('@nestjs/testing');
  const { AppModule } = await import('../src/app.module');
  const { Clock } = await import('../src/common/clock');
  const { OverdueScanner } = await import('../src/alerts/overdue-scanner');
  const { CasesService } = await import('../src/cases/cases.service');
  const { TestClock: Clocks } = await import('../test/support/test-clock');
  const { DataSource } = await import('typeorm');

  const clock: TestClock = new Clocks(new Date(T0));
  const start = async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(Clock).useValue(clock).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return app;
  };

  let app = await start();
  const cases = app.get(CasesService);
  const caseIds: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const opened = await cases.open(
      {
        channel: 'hotline_111',
        category: 'at_risk',
        location: { provinceCode: '12', communeCode: '03390' },
        child: { sex: 'unknown', estimatedAgeYears: 12 },
        condition: 'benchmark',
        reporter: { anonymous: true, consent: false },
      },
      BENCH_ACTOR,
    );
    caseIds.push(opened.id);
  }
  // The cases' own intake tasks fall due in two hours: take them out of the measured scans.
  await app.get(DataSource).query("UPDATE tasks SET status = 'done'");
  await app.close();

  const rows: Array<Record<string, number>> = [];
  let existing = 0;
  for (const size of SIZES) {
    const dueAt = clock.now().getTime() + 60_000;
    const inserted = performance.now();
    await grow(existing, size, caseIds, dueAt);
    const insertSeconds = (performance.now() - inserted) / 1000;
    existing = size;

    app = await start();
    const scanner = app.get(OverdueScanner);
    const dataSource = app.get(DataSource);
    const idle: number[] = [];
    for (let i = 0; i < IDLE_SCANS; i++) {
      const t = performance.now();
      await scanner.scan();
      idle.push(performance.now() - t);
    }
    clock.set(new Date(dueAt + 60_000));
    const t = performance.now();
    const raised = await scanner.scan();
    const dueScanMs = performance.now() - t;
    const full: number[] = [];
    for (let i = 0; i < 3; i++) {
      const f = performance.now();
      await dataSource.query(`SELECT id FROM tasks NOT INDEXED WHERE status = 'open' AND next_alert_at <= ? ORDER BY next_alert_at LIMIT 200`, [sqliteTime(clock.now().getTime())]);
      full.push(performance.now() - f);
    }
    await app.close();
    clock.set(new Date(clock.now().getTime() + 3_600_000));

    rows.push({
      openTasks: size,
      insertSeconds: Number(insertSeconds.toFixed(1)),
      idleScanMs: Number(median(idle).toFixed(3)),
      dueScanMs: Number(dueScanMs.toFixed(1)),
      alertsRaised: raised,
      unindexedQueryMs: Number(median(full).toFixed(1)),
    });
    console.log(`${size} open tasks: idle scan ${median(idle).toFixed(2)} ms, scan raising ${raised} alerts ${dueScanMs.toFixed(1)} ms, same query without the index ${median(full).toFixed(1)} ms`);
  }

  const base = rows[0];
  const growth = rows.map((r) => ({
    openTasks: r.openTasks,
    idleScanRatio: Number((r.idleScanMs / base.idleScanMs).toFixed(2)),
    dueScanRatio: Number((r.dueScanMs / base.dueScanMs).toFixed(2)),
    unindexedRatio: Number((r.unindexedQueryMs / base.unindexedQueryMs).toFixed(2)),
  }));
  for (const g of growth) {
    console.log(`${g.openTasks}: idle scan ×${g.idleScanRatio}, due scan ×${g.dueScanRatio} of the ${base.openTasks}-task baseline (unindexed query ×${g.unindexedRatio})`);
  }
  const at = new Date().toISOString();
  const figures = { benchmark: 'overdue detection', at, node: process.version, duePerScan: DUE_PER_SCAN, baseline: base.openTasks, rows, growth };
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `overdue-scan-${at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`figures: ${file}`);
  rmSync(workDir, { recursive: true, force: true });
}

void main();
