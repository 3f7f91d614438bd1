import { ChildProcess, spawn } from 'node:child_process';
import { onSqlite } from './support/test-app';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { sqliteOptions } from '../src/database/data-source-options';
import { Api } from './support/api';
import { lateReport } from './support/demo';
import { TestSmtpServer } from './support/smtp';

/**
 * The service as it runs in production, in a process of its own that the test kills with SIGKILL
 * while it raises alerts, and starts again. Reports are recorded as received 19 hours ago, so each
 * verification step is already past every rung of the escalation ladder when it opens.
 */
describe('A service killed while steps fall due', () => {
  const folder = mkdtempSync(join(tmpdir(), 'crash-restart-'));
  const databasePath = join(folder, 'referrals.sqlite');
  let service: ChildProcess | null = null;
  let port = 0;

  async function start(): Promise<Api> {
    port = await TestSmtpServer.freePort();
    service = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      cwd: join(__dirname, '..'),
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        DATABASE_PATH: databasePath,
        ALERT_SCAN_INTERVAL_SECONDS: '1',
        MAIL_RELAY_INTERVAL_SECONDS: '0',
        SIGN_IN_FAILURES_PER_MINUTE: '100000',
      },
      stdio: 'ignore',
    });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300; i++) {
      const up = await fetch(`${url}/auth/me`).then((r) => r.status === 401, () => false);
      if (up) return new Api(url, 'hotline.operator');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('The service did not start');
  }

  function kill(signal: NodeJS.Signals): Promise<void> {
    const child = service;
    service = null;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  afterAll(async () => {
    await kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  });

  // A killed process on one SQLite file; the multi-instance test kills one of two on PostgreSQL.
  onSqlite('raises, after a restart, every alert exactly once, with exactly one e-mail each', async () => {
    const operator = await start();
    const report = lateReport('Works in a brick kiln');
    for (let i = 0; i < 40; i++) {
      const opened = await operator.post('/cases', report);
      expect(opened.status).toBe(201);
      const inbox = await operator.get('/agencies/00000000-0000-4000-8000-000000000001/inbox?pageSize=100');
      const intake = inbox.body.items.find((t: { caseId: string }) => t.caseId === opened.body.id);
      expect((await operator.post(`/tasks/${intake.id}/complete`, {})).status).toBe(200);
    }
    // The scanner runs every second: kill the service in the middle of its work.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await kill('SIGKILL');

    await start();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await kill('SIGTERM');

    const database = new DataSource({ ...sqliteOptions(databasePath), migrationsRun: false });
    await database.initialize();
    try {
      const verifications: Array<{ id: string; levels: string }> = await database.query(
        `SELECT t.id, GROUP_CONCAT(a.level) AS levels FROM tasks t LEFT JOIN alerts a ON a.task_id = t.id
         WHERE t.step = 'open.procedure.verification' GROUP BY t.id`,
      );
      expect(verifications).toHaveLength(40);
      for (const task of verifications) {
        expect([task.id, task.levels.split(',').sort()]).toEqual([task.id, ['due_soon', 'escalated', 'overdue', 'overdue_long']]);
      }
      const [{ duplicates }] = await database.query(
        'SELECT COUNT(*) AS duplicates FROM (SELECT task_id, level FROM alerts GROUP BY task_id, level HAVING COUNT(*) > 1)',
      );
      expect(Number(duplicates)).toBe(0);
      const [{ alerts }] = await database.query('SELECT COUNT(*) AS alerts FROM alerts');
      const [{ mails }] = await database.query(
        `SELECT COUNT(*) AS mails FROM outbox_messages WHERE kind = 'step_alert'`,
      );
      expect(Number(mails)).toBe(Number(alerts));
    } finally {
      await database.destroy();
    }
  }, 120_000);
});
