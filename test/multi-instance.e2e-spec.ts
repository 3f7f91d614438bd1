import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../src/database/data-source-options';
import { Api } from './support/api';
import { AGENCY, lateReport } from './support/demo';
import { TestSmtpServer } from './support/smtp';

const postgres = process.env.DATABASE_URL;
const TASKS = 1000;
const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');

interface Instance {
  name: string;
  url: string;
  process: ChildProcess;
}

interface StreamedAlert {
  id: string;
  eventId: string;
}

/**
 * Two service processes on one PostgreSQL database, as an operations team runs them. Instance A
 * only scans at start; instance B scans every second and is killed (SIGKILL) while it raises alerts
 * and sends their e-mails, then started again. Reports are recorded as received 19 hours ago, so
 * each one's forwarding step is past every rung of the ladder as soon as it opens.
 */
(postgres ? describe : describe.skip)('Two instances on one PostgreSQL database', () => {
  let smtp: TestSmtpServer;
  const instances: Instance[] = [];
  let database: DataSource;

  async function start(name: string, scanSeconds: number): Promise<Instance> {
    const port = await TestSmtpServer.freePort();
    const child = spawn(process.execPath, [MAIN], {
      cwd: join(__dirname, '..'),
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        ALERT_SCAN_INTERVAL_SECONDS: String(scanSeconds),
        MAIL_RELAY_INTERVAL_SECONDS: '1',
        MAIL_LEASE_SECONDS: '3',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`instance ${name} stopped at start`);
      if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) {
        const instance = { name, url, process: child };
        instances.push(instance);
        return instance;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`instance ${name} did not start`);
  }

  function kill(instance: Instance, signal: NodeJS.Signals): Promise<void> {
    instances.splice(instances.indexOf(instance), 1);
    if (instance.process.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      instance.process.once('exit', () => resolve());
      instance.process.kill(signal);
    });
  }

  async function count(sql: string): Promise<number> {
    const [row] = await database.query(sql);
    return Number(row.n);
  }

  async function until(what: string, condition: () => Promise<boolean>, seconds = 120): Promise<void> {
    for (const deadline = Date.now() + seconds * 1000; Date.now() < deadline; ) {
      if (await condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Still waiting, after ${seconds} s, for ${what}`);
  }

  /** Follows the hotline's alerts on one instance, from `lastEventId` on, until `stop` is aborted. */
  async function follow(instance: Instance, into: StreamedAlert[], stop: AbortSignal, lastEventId?: string): Promise<void> {
    const supervisor = new Api(instance.url, 'hotline.supervisor');
    const { body } = await supervisor.post('/auth/stream-tickets');
    const response = await fetch(`${instance.url}/alerts/stream?agencyId=${AGENCY.hotline}&ticket=${body.ticket}`, {
      signal: stop,
      headers: lastEventId ? { 'last-event-id': lastEventId } : {},
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        const events = buffer.split('\n\n');
        buffer = events.pop() ?? '';
        for (const event of events) {
          const eventId = /^id: (.*)$/m.exec(event)?.[1];
          const data = /^data: (.*)$/m.exec(event)?.[1];
          if (eventId && data) into.push({ id: JSON.parse(data).id, eventId });
        }
      }
    } catch (error) {
      if (!stop.aborted) throw error;
    }
  }

  beforeAll(async () => {
    expect(existsSync(MAIN)).toBe(true);
    smtp = new TestSmtpServer(await TestSmtpServer.freePort());
    await smtp.start();
  });

  afterAll(async () => {
    await Promise.all([...instances].map((instance) => kill(instance, 'SIGKILL')));
    await database?.destroy();
    await smtp?.stop();
  });

  it('raises each alert and sends each e-mail once across both, through a SIGKILL; streams and resumes alerts from the other instance; lets one accept win', async () => {
    const a = await start('A', 0);
    let b = await start('B', 1);
    database = await new DataSource({ ...databaseOptions({ DATABASE_URL: postgres, DATABASE_PATH: '' }), migrationsRun: false }).initialize();

    const firstStream = new AbortController();
    const streamed: StreamedAlert[] = [];
    const following = follow(a, streamed, firstStream.signal);

    // 1,000 reports with no sign of a crime, spread over both instances: 1,000 forwarding steps, already late.
    const operators = [new Api(a.url, 'hotline.operator'), new Api(b.url, 'hotline.operator')];
    for (const operator of operators) await operator.signIn();
    const report = lateReport('not seen at school for a week');
    let opened = 0;
    await Promise.all(
      Array.from({ length: 20 }, async (_, worker) => {
        while (opened < TASKS) {
          opened += 1;
          const answer = await operators[worker % 2].post('/cases', report);
          expect(answer.status).toBe(201);
        }
      }),
    );

    // B is killed while it raises alerts and sends their e-mails, then started again.
    await until('instance B to raise alerts', async () => (await count('SELECT COUNT(*) AS n FROM alerts')) > 0);
    await kill(b, 'SIGKILL');
    const raisedBeforeKill = await count('SELECT COUNT(*) AS n FROM alerts');
    b = await start('B2', 1);

    // The stream on A drops and comes back with the last id it saw.
    await until('alerts on the stream of instance A', async () => streamed.length > 0);
    firstStream.abort();
    await following;
    const secondStream = new AbortController();
    const resuming = follow(a, streamed, secondStream.signal, streamed[streamed.length - 1].eventId);

    const due = `SELECT COUNT(*) AS n FROM tasks WHERE status = 'open' AND next_alert_at <= NOW()`;
    await until('every due rung to be raised', async () => (await count(due)) === 0 && (await count('SELECT COUNT(*) AS n FROM alerts')) > raisedBeforeKill);
    const levels: Array<{ level: string; n: string }> = await database.query('SELECT level, COUNT(*) AS n FROM alerts GROUP BY level ORDER BY level');
    expect(levels.length).toBeGreaterThanOrEqual(3);
    for (const { n } of levels) expect(Number(n)).toBe(TASKS);
    const alerts = await count('SELECT COUNT(*) AS n FROM alerts');
    expect(await count(`SELECT COUNT(*) AS n FROM outbox_messages WHERE id LIKE 'alert:%'`)).toBe(alerts);

    // Every e-mail goes out: each message id reaches the SMTP server (twice at most, for one B was sending when killed).
    await until('the outbox to be delivered', async () => (await count('SELECT COUNT(*) AS n FROM outbox_messages WHERE sent_at IS NULL')) === 0);
    const delivered = new Set(smtp.received.filter((m) => m.messageId?.startsWith('<alert:')).map((m) => m.messageId));
    expect(delivered.size).toBe(alerts);

    // The stream on A saw every alert raised by B, before and after the reconnect.
    await until('the stream to catch up', async () => new Set(streamed.map((s) => s.id)).size === alerts, 60);
    secondStream.abort();
    await resuming;
    const ids: Array<{ id: string }> = await database.query('SELECT id FROM alerts');
    expect(new Set(streamed.map((s) => s.id))).toEqual(new Set(ids.map((row) => row.id)));

    // 100 concurrent accepts of one police referral, over both instances: exactly one wins.
    const crime = await operators[0].post('/cases', {
      ...report,
      receivedAt: undefined,
      signs: { traffickingSigns: true },
      condition: 'taken across the border to work',
    });
    expect(crime.status).toBe(201);
    const police = [new Api(a.url, 'binhlu.police'), new Api(b.url, 'binhlu.police.chief')];
    for (const officer of police) await officer.signIn();
    const inbox = await police[0].get(`/agencies/${AGENCY.policeA}/inbox?pageSize=100`);
    const task = inbox.body.items.find((t: { caseId: string; step: string }) => t.caseId === crime.body.id && t.step === 'open.police.pending');
    expect(task).toBeDefined();
    // Both instances read the case and the inbox first, so that each keeps them.
    const caseOn = (officer: Api) => officer.get(`/cases/${crime.body.id}`);
    const lineOn = async (officer: Api) =>
      (await officer.get(`/agencies/${AGENCY.policeA}/inbox?pageSize=100`)).body.items.find((t: { id: string }) => t.id === task.id);
    const before = await Promise.all(police.map(caseOn));
    for (const officer of police) expect(await lineOn(officer)).toMatchObject({ id: task.id, status: 'open' });
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => police[i % 2].post(`/tasks/${task.id}/accept`, {})));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(99);
    expect(await count(`SELECT COUNT(*) AS n FROM case_events WHERE type = 'REFERRAL_ACCEPTED' AND case_id = '${crime.body.id}'`)).toBe(1);
    // What either instance kept shows the accept, whichever instance took it: the other once the database's wake-up reaches it.
    for (const [i, officer] of police.entries()) {
      await until(`instance ${i + 1} to show the accept`, async () => (await caseOn(officer)).body.version === before[i].body.version + 1, 10);
      const after = await caseOn(officer);
      expect(after.body.version).toBe(before[i].body.version + 1);
      const paths = (view: { body: { states: Array<{ path: string }> } }) => view.body.states.map((state) => state.path);
      expect(paths(before[i])).toContain('open.police.pending');
      expect(paths(after)).toContain('open.police.inProgress');
      expect(await lineOn(officer)).toBeUndefined();
    }

    // An edit on one instance reaches what the other holds in memory: the calendar and the agency directory.
    const adminA = new Api(a.url, 'admin');
    const adminB = new Api(b.url, 'admin');
    expect((await adminA.put('/calendar/days/2031-01-02', { kind: 'day_off', nameVi: 'Nghỉ bù', nameEn: 'Day off in lieu' })).status).toBe(200);
    await until('the other instance to count with the new day off', async () =>
      (await adminB.get('/calendar/2031')).body.days.some((day: { date: string }) => day.date === '2031-01-02'),
    10);
    expect((await adminA.patch(`/agencies/${AGENCY.policeA}`, { nameEn: 'Bình Lư commune police station' })).status).toBe(200);
    await until('the other instance to name the agency anew', async () =>
      (await police[1].get(`/tasks/${task.id}`)).body.agencyName?.en === 'Bình Lư commune police station',
    10);
    const investigation = (await police[1].get(`/agencies/${AGENCY.policeA}/inbox?pageSize=100`)).body.items.find((t: { caseId: string }) => t.caseId === crime.body.id);
    expect(investigation.agencyName.en).toBe('Bình Lư commune police station');

    // One audit chain, whichever instance wrote each line.
    const check = await new Api(b.url, 'admin').get('/audit/verify');
    expect(check.body).toMatchObject({ ok: true });
  }, 600_000);
});
