/**
 * Durable transitions per second through the case engine, against the same statements issued
 * straight through the sqlite3 driver in the same run: the ceiling the engine can approach.
 *
 *   npm run bench                 # 300 cases, 3,000 transitions a round
 *   BENCH_CASES=1000 npm run bench
 *
 * Figures go to bench/results/transitions-<time>.json.
 */
import 'reflect-metadata';
import { BENCH_ACTOR } from './bench-actor';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import * as sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import type { CaseEventBody } from '../workflows/case-workflow';

const CASES = Number(process.env.BENCH_CASES ?? 300);
const ROUNDS = 2;
const workDir = mkdtempSync(join(tmpdir(), 'transitions-bench-'));

/** The ten events each case goes through: from intake to the end of one referral. */
const EVENTS: CaseEventBody[] = [
  { type: 'FORWARDED' },
  { type: 'VERIFICATION_COMPLETED', founded: true, emergency: false, findings: { outOfSchool: true } },
  { type: 'ASSESSMENT_COMPLETED', findings: {} },
  { type: 'PLAN_DRAFTED', additionalReferrals: [] },
  { type: 'PLAN_APPROVED' },
  { type: 'REFERRAL_ACCEPTED', referral: 'police' },
  { type: 'REFERRAL_ACCEPTED', referral: 'education' },
  { type: 'REFERRAL_COMPLETED', referral: 'police', outcome: 'verified' },
  { type: 'REFERRAL_COMPLETED', referral: 'education', outcome: 're-enrolled' },
  { type: 'REVIEW_RECORDED', stable: true, notes: 'stable' },
];

interface Round {
  transitions: number;
  seconds: number;
  perSecond: number;
}

function round(transitions: number, started: number): Round {
  const seconds = (performance.now() - started) / 1000;
  return { transitions, seconds: Number(seconds.toFixed(3)), perSecond: Math.round(transitions / seconds) };
}

// Read by the app's configuration when it is first imported; every engine round opens new cases in it.
process.env.DATABASE_PATH = join(workDir, 'engine.sqlite');
process.env.SEED_DEMO_DATA = 'true';
process.env.NODE_ENV = 'test';

async function engineRound(): Promise<{ round: Round; statementsPerTransition: number; snapshotBytes: number }> {
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../src/app.module');
  const { CasesService } = await import('../src/cases/cases.service');
  const { CaseEngine } = await import('../src/cases/case-engine.service');
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  await app.init();
  const service = app.get(CasesService);
  const engine = app.get(CaseEngine);
  const actor = BENCH_ACTOR;
  const report = {
    channel: 'hotline_111' as const,
    category: 'at_risk' as const,
    location: { provinceCode: '12', communeCode: '03390' },
    child: { sex: 'female' as const, estimatedAgeYears: 14 },
    condition: 'benchmark',
    reporter: { anonymous: true, consent: false },
    signs: { traffickingSigns: true },
  };
  const ids: string[] = [];
  for (let i = 0; i < CASES; i++) ids.push((await service.open(report, actor)).id);

  const dataSource = app.get(DataSource);
  // SQLite drivers share one query runner: count the statements that go through it.
  let statements = 0;
  const queryRunner = dataSource.driver.createQueryRunner('master');
  const query = queryRunner.query.bind(queryRunner);
  queryRunner.query = ((...args: Parameters<typeof query>) => {
    statements += 1;
    return query(...args);
  }) as typeof query;

  const started = performance.now();
  for (const body of EVENTS) {
    for (const id of ids) await engine.apply(id, body, actor);
  }
  const result = round(ids.length * EVENTS.length, started);
  const [{ bytes }] = await dataSource.query('SELECT AVG(LENGTH(snapshot)) AS bytes FROM cases');
  await app.close();
  return { round: result, statementsPerTransition: Number((statements / result.transitions).toFixed(2)), snapshotBytes: Math.round(bytes) };
}

function promisify(db: sqlite3.Database) {
  return {
    run: (sql: string, params: unknown[] = []) =>
      new Promise<number>((resolve, reject) => db.run(sql, params, function (this: sqlite3.RunResult, error) {
        if (error) reject(error);
        else resolve(this.changes);
      })),
    get: (sql: string, params: unknown[] = []) =>
      new Promise<unknown>((resolve, reject) => db.get(sql, params, (error, row) => (error ? reject(error) : resolve(row)))),
    close: () => new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** The same writes per transition as the engine, with the JSON precomputed and no statechart. */
async function driverRound(index: number, snapshotBytes: number): Promise<Round> {
  const path = join(workDir, `driver-${index}.sqlite`);
  const { sqliteOptions } = await import('../src/database/data-source-options');
  const schema = new DataSource(sqliteOptions(path));
  await schema.initialize();
  await schema.destroy();

  const db = promisify(new sqlite3.Database(path));
  await db.run('PRAGMA journal_mode = WAL');
  await db.run('PRAGMA busy_timeout = 5000');
  const agency = randomUUID();
  const now = new Date().toISOString();
  await db.run(`INSERT INTO agencies VALUES (?, 'COMMUNE_PC', 'x', 'x', 'commune', '12', NULL, '03390', NULL, 1, ?, ?)`, [agency, now, now]);
  const snapshot = JSON.stringify({ value: 'verification', context: { filler: 'x'.repeat(Math.max(0, snapshotBytes - 60)) } });
  const ids: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const id = randomUUID();
    ids.push(id);
    await db.run(
      `INSERT INTO cases VALUES (?, ?, '12', NULL, '03390', ?, ?, 'hotline_111', 'at_risk', '{}', 'intake', ?, 1, '2026.1', 1, ?, ?, NULL)`,
      [id, `12-2026-${i}`, agency, now, snapshot, now, now],
    );
  }

  let auditSeq = 0;
  const started = performance.now();
  for (let step = 0; step < EVENTS.length; step++) {
    for (const id of ids) {
      const at = new Date().toISOString();
      await db.run('BEGIN');
      const row = (await db.get('SELECT * FROM cases WHERE id = ?', [id])) as { version: number };
      await db.run('UPDATE cases SET snapshot = ?, status = ?, updated_at = ?, closed_at = NULL, version = version + 1 WHERE id = ? AND version = ?', [
        snapshot, 'support', at, id, row.version,
      ]);
      await db.run('INSERT INTO case_events (case_id, seq, type, payload, actor, at) VALUES (?, ?, ?, ?, ?, ?)', [
        id, row.version + 1, 'EVENT', '{"type":"EVENT"}', 'bench', at,
      ]);
      await db.run(`UPDATE tasks SET status = 'done', closed_at = ?, closed_by_seq = ? WHERE case_id = ? AND status = 'open' AND step IN (?)`, [
        at, row.version + 1, id, 'verification',
      ]);
      await db.run('INSERT INTO tasks VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, NULL, NULL, ?, NULL, NULL, NULL, ?)', [
        randomUUID(), id, 'specificAssessment', 'assess', agency, 'officer', '03390', at, 'open', at, at,
      ]);
      await db.run(
        `INSERT INTO audit_log (seq, at, actor_id, actor_agency_id, action, subject_type, subject_id, outcome, detail, prev_hash, hash)
         VALUES (?, ?, 'bench', NULL, 'case.event', 'case', ?, 'ok', '{"event":"EVENT"}', ?, ?)`,
        [++auditSeq, at, id, 'a'.repeat(64), 'b'.repeat(64)],
      );
      await db.run('COMMIT');
    }
  }
  const result = round(ids.length * EVENTS.length, started);
  await db.close();
  return result;
}

async function main(): Promise<void> {
  const engine: Round[] = [];
  const driver: Round[] = [];
  let statementsPerTransition = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const measured = await engineRound();
    engine.push(measured.round);
    statementsPerTransition = measured.statementsPerTransition;
    driver.push(await driverRound(i, measured.snapshotBytes));
  }
  const best = (rounds: Round[]) => Math.max(...rounds.map((r) => r.perSecond));
  const ratio = Number((best(engine) / best(driver)).toFixed(3));
  const figures = {
    benchmark: 'durable transitions',
    at: new Date().toISOString(),
    node: process.version,
    cases: CASES,
    transitionsPerRound: CASES * EVENTS.length,
    engine: { rounds: engine, bestPerSecond: best(engine), statementsPerTransition },
    driver: { rounds: driver, bestPerSecond: best(driver), statementsPerTransition: 8 },
    ratio,
    target: 0.5,
  };
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `transitions-${figures.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`engine: ${best(engine)} transitions/s (${statementsPerTransition} statements each)`);
  console.log(`driver: ${best(driver)} transitions/s (same writes, no statechart)`);
  console.log(`ratio engine/driver: ${ratio} (target ≥ 0.5)`);
  console.log(`figures: ${file}`);
  rmSync(workDir, { recursive: true, force: true });
}

void main();
