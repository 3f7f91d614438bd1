/**
 * The service over HTTP, as officers use it: `GET /cases/:id`, an inbox and intake, against the
 * app's bare `GET /health` (a fixed body, no sign-in, no database) and `GET /auth/me` (signed in,
 * no query) measured in the same run.
 *
 *   npm run bench:http                                   # embedded SQLite, one instance
 *   BENCH_DATABASE_URL=postgres://… npm run bench:http   # also PostgreSQL, one and two instances
 *   BENCH_SECONDS=5 npm run bench:http
 *
 * Closed loop at 50 and 100 connections (autocannon: each connection sends its next request when
 * the last is answered: the most the service gives), then open loop at a fixed offered load (200
 * req/s, evenly spaced) for the latency people feel. Loopback only, every run bounded in time. Figures go to
 * bench/results/http-<time>.json.
 */
import autocannon from 'autocannon';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const OFFERED_RATE = 200;
const SETTLE_MS = 2000;
const POSTGRES_URL = process.env.BENCH_DATABASE_URL;
const ROOT = join(__dirname, '..');
const HOTLINE = '00000000-0000-4000-8000-000000000001';

const INTAKE = {
  channel: 'hotline_111',
  category: 'at_risk',
  location: { provinceCode: '12', communeCode: '03390' },
  child: { sex: 'female', estimatedAgeYears: 14 },
  condition: 'works nights at a karaoke bar',
  reporter: { anonymous: true },
  work: { ageYears: 14, job: 'other', workplace: 'karaoke', hoursPerDay: 7, hoursPerWeek: 42, nightWork: true },
};

interface Figures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitFor(url: string, process: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (process.exitCode !== null) throw new Error(`The service stopped at start (exit ${process.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within a minute`);
}

async function startInstance(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', PORT: String(port), ALERT_SCAN_INTERVAL_SECONDS: '0', MAIL_RELAY_INTERVAL_SECONDS: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/health`, child);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function json(url: string, init: RequestInit = {}): Promise<any> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function signIn(url: string, username: string): Promise<string> {
  const body = await json(`${url}/auth/sign-in`, { method: 'POST', body: JSON.stringify({ username, password: 'demo-password-2026' }) });
  return body.accessToken;
}

interface Target {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
}

/**
 * Open loop: a request every 1/rate seconds whatever the answers (spread over the instances in
 * turn), so that a slow answer makes the next ones wait in the service, not in the client, and the
 * latency is what a person arriving at that rate sees. autocannon's rate limit sends each second's
 * requests in a burst, which measures a closed loop again.
 */
async function openLoad(urls: string[], target: Target, token: string, rate: number): Promise<Figures> {
  const total = rate * SECONDS;
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const started = performance.now();
  const requests: Array<Promise<void>> = [];
  for (let i = 0; i < total; i += 1) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    requests.push(
      fetch(`${urls[i % urls.length]}${target.path}`, {
        method: target.method ?? 'GET',
        body: target.body,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      }).then(
        async (response) => {
          await response.arrayBuffer();
          latencies.push(performance.now() - sent);
          if (response.status < 200 || response.status > 299) non2xx += 1;
        },
        () => void (errors += 1),
      ),
    );
  }
  await Promise.all(requests);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { requestsPerSecond: Math.round(total / ((performance.now() - started) / 1000)), p50Ms: at(0.5), p99Ms: at(0.99), non2xx, errors };
}

/** Runs one load against every url at once (one autocannon per instance) and adds the figures up. */
async function load(urls: string[], target: Target, token: string, connections: number): Promise<Figures> {
  const results = await Promise.all(
    urls.map((url) =>
      autocannon({
        url: `${url}${target.path}`,
        method: target.method ?? 'GET',
        body: target.body,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        connections: Math.max(1, Math.round(connections / urls.length)),
        duration: SECONDS,
      }),
    ),
  );
  return {
    requestsPerSecond: Math.round(results.reduce((sum, r) => sum + r.requests.average, 0)),
    p50Ms: Math.max(...results.map((r) => r.latency.p50)),
    p99Ms: Math.max(...results.map((r) => r.latency.p99)),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
  };
}

async function measure(label: string, urls: string[]): Promise<Record<string, unknown>> {
  const token = await signIn(urls[0], 'hotline.operator');
  const opened = await json(`${urls[0]}/cases`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(INTAKE) });
  // An inbox with a page's worth of waiting steps.
  for (let i = 0; i < 30; i += 1) await json(`${urls[0]}/cases`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(INTAKE) });
  const bare: Target = { name: 'bare GET /health', path: '/health' };
  const signedInBare: Target = { name: 'GET /auth/me', path: '/auth/me' };
  const reads: Target[] = [
    { name: 'GET /cases/:id', path: `/cases/${opened.id}` },
    { name: 'GET inbox', path: `/agencies/${HOTLINE}/inbox` },
  ];
  const intake: Target = { name: 'POST /cases (intake)', path: '/cases', method: 'POST', body: JSON.stringify(INTAKE) };
  const closedLoop: Record<string, Record<string, Figures>> = {};
  const openLoop: Record<string, Figures> = {};
  const closed = async (target: Target) => {
    for (const connections of [50, 100]) {
      const figures = await load(urls, target, token, connections);
      (closedLoop[target.name] ??= {})[`${connections} connections`] = figures;
      console.log(`${label} ${target.name} @${connections}: ${figures.requestsPerSecond} req/s, p99 ${figures.p99Ms} ms, non-2xx ${figures.non2xx}`);
    }
  };
  const open = async (target: Target) => {
    // A closed loop ends with up to 100 requests still in the service: the open loop measures a
    // steady 200 a second, not how fast the service works off that backlog.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    openLoop[target.name] = await openLoad(urls, target, token, OFFERED_RATE);
    console.log(`${label} ${target.name} at ${OFFERED_RATE} req/s offered: p99 ${openLoop[target.name].p99Ms} ms, non-2xx ${openLoop[target.name].non2xx}`);
  };
  // Intake last: the cases it opens would otherwise lengthen the inbox that the reads measure.
  for (const target of [bare, signedInBare, ...reads]) await closed(target);
  for (const target of reads) await open(target);
  await closed(intake);
  await open(intake);
  const ratio = (baseline: Target) =>
    Object.fromEntries(
      [...reads, intake].map((t) => [
        t.name,
        Math.round((closedLoop[t.name]['100 connections'].requestsPerSecond / closedLoop[baseline.name]['100 connections'].requestsPerSecond) * 100) / 100,
      ]),
    );
  return {
    closedLoop,
    [`openLoop at ${OFFERED_RATE} req/s`]: openLoop,
    ratioAt100Connections: { toBareHealth: ratio(bare), toSignedInAuthMe: ratio(signedInBare) },
  };
}

/** PostgreSQL runs start from an empty database, so that each measures the same inbox. */
function emptyPostgres(url: string): void {
  execFileSync('psql', [url, '-q', '-c', 'SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public']);
}

async function main(): Promise<void> {
  const runs: Record<string, unknown> = {};
  const sqlite = await startInstance({ DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'http-bench-')), 'referrals.sqlite') });
  try {
    runs['sqlite, one instance'] = await measure('sqlite', [sqlite.url]);
  } finally {
    await sqlite.stop();
  }
  if (POSTGRES_URL) {
    for (const count of [1, 2]) {
      const instances = [];
      emptyPostgres(POSTGRES_URL);
      const secret = randomBytes(32).toString('hex');
      for (let i = 0; i < count; i += 1) instances.push(await startInstance({ DATABASE_URL: POSTGRES_URL, AUTH_SECRET: secret }));
      try {
        runs[`postgres, ${count} instance${count > 1 ? 's' : ''}`] = await measure(`postgres×${count}`, instances.map((i) => i.url));
      } finally {
        await Promise.all(instances.map((i) => i.stop()));
      }
    }
  }
  const results = join(ROOT, 'bench', 'results');
  mkdirSync(results, { recursive: true });
  const file = join(results, `http-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), secondsPerLoad: SECONDS, machine: { cores: cpus().length }, runs }, null, 2));
  console.log(`Figures written to ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
