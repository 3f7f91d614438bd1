import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Api } from './support/api';
import { AGENCY, caseInSupport, Desk } from './support/demo';
import { AuditTrail } from '../src/audit/audit-trail';
import { UnitOfWork } from '../src/common/unit-of-work';
import { dropGuard, jsonValue, startApp, TestApp } from './support/test-app';

const run = promisify(execFile);

describe('The audit trail cannot be altered unnoticed', () => {
  let testApp: TestApp;
  let desk: Desk;

  beforeAll(async () => {
    testApp = await startApp();
    desk = new Desk(testApp.url);
    const caseId = await caseInSupport(desk);
    await desk.of(AGENCY.policeA).get(`/cases/${caseId}`);
  });

  afterAll(() => testApp.close());

  it('verifies an untouched chain, through the endpoint and the command', async () => {
    const check = await desk.as('admin').get('/audit/verify');
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ ok: true, firstBroken: null });
    expect(check.body.checked).toBeGreaterThan(10);

    const { stdout } = await run('node', ['-r', 'ts-node/register/transpile-only', 'scripts/verify-audit.ts'], {
      cwd: `${__dirname}/..`,
      env: process.env,
    });
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, checked: check.body.checked });
  });

  it('chains lines with any text in them, many at once, as the verifier reads them', async () => {
    const trail = testApp.app.get(AuditTrail);
    const work = testApp.app.get(UnitOfWork);
    const before = (await desk.as('admin').get('/audit/verify')).body.checked;
    const awkward = ["it's", 'Lò Thị Pằng 🧒', 'back\\slash "quoted"', 'two\nlines', '', '\u2028'];
    const actor = { id: 'admin', agencyId: null };
    // More lines than one insert carries, in one unit, and a batch of lines of their own beside them.
    await Promise.all([
      work.write(async (manager) => {
        for (let i = 0; i < 70; i += 1) {
          await trail.append(manager, { actor, action: 'test.line', subject: { type: 'case', id: awkward[i % awkward.length] }, detail: { text: awkward[i % 6], n: i / 3, big: 1e21, none: null, yes: i % 2 === 0 } });
        }
      }),
      ...awkward.map((text) => trail.record({ actor: { id: text, agencyId: null }, action: 'test.own', detail: { text } })),
    ]);
    const check = await desk.as('admin').get('/audit/verify');
    expect(check.body).toMatchObject({ ok: true, firstBroken: null, checked: before + 70 + awkward.length });
    const stored = await testApp.query(`SELECT actor_id, detail FROM audit_log WHERE action = 'test.own' ORDER BY seq`);
    expect(stored.map((row: { actor_id: string; detail: unknown }) => [row.actor_id, jsonValue(row.detail).text]).sort()).toEqual(awkward.map((text) => [text, text]).sort());
  });

  it('names the row someone edited straight in the database', async () => {
    await expect(testApp.query(`UPDATE audit_log SET actor_id = 'nobody' WHERE seq = 5`)).rejects.toThrow(/append-only/);
    // Someone with the database in hand removes the guard and rewrites who read a case.
    await dropGuard(testApp, 'audit_log', 'update');
    const [row] = await testApp.query(`SELECT seq FROM audit_log WHERE action = 'case.read' ORDER BY seq DESC LIMIT 1`);
    await testApp.query(`UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = ?`, [row.seq]);

    const check = await desk.as('admin').get('/audit/verify');
    expect(check.body).toMatchObject({ ok: false, firstBroken: { seq: row.seq, reason: 'content does not match its hash' } });

    const command = await run('node', ['-r', 'ts-node/register/transpile-only', 'scripts/verify-audit.ts'], {
      cwd: `${__dirname}/..`,
      env: process.env,
    }).catch((error: { code: number; stdout: string }) => error);
    expect('code' in command ? command.code : 0).toBe(1);
    expect(JSON.parse(command.stdout).firstBroken.seq).toBe(row.seq);
  });

  it('names the first row after one that was removed', async () => {
    await dropGuard(testApp, 'audit_log', 'delete');
    await testApp.query('DELETE FROM audit_log WHERE seq = 3');
    const check = await desk.as('admin').get('/audit/verify');
    expect(check.body.firstBroken).toEqual({ seq: 4, reason: 'expected line 3' });
  });
});

describe('Hardening', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startApp();
  });

  afterAll(() => testApp.close());

  it('sends security headers and no framework banner', async () => {
    const response = await fetch(`${testApp.url}/agencies`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('strict-transport-security')).toContain('max-age');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses an oversized or malformed body, and answers errors without internals', async () => {
    const operator = new Desk(testApp.url).operator;
    await operator.signIn();
    const response = await fetch(`${testApp.url}/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operator.accessToken}` },
      body: JSON.stringify({ condition: 'x'.repeat(200_000) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
    const broken = await fetch(`${testApp.url}/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operator.accessToken}` },
      body: '{"channel": ',
    });
    expect(broken.status).toBe(400);
    const text = await broken.text();
    expect(text).not.toMatch(/at .*\.js:\d+|node_modules|SELECT|INSERT/);
    const missing = await new Api(testApp.url).get('/no-such-route');
    expect(missing).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });
});
