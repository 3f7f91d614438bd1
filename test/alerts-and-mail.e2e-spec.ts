import { OverdueScanner } from '../src/alerts/overdue-scanner';
import { MailRelay } from '../src/mail/mail-relay';
import { MailTransport, SmtpMailTransport } from '../src/mail/mail-transport';
import { AGENCY, caseInSupport, completeStep, Desk, openCase } from './support/demo';
import { TestSmtpServer } from './support/smtp';
import { resetDatabase, startApp, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';

describe('Overdue steps and the e-mails they send', () => {
  let smtp: TestSmtpServer;
  let testApp: TestApp | undefined;
  const clock = new TestClock(new Date('2026-03-02T01:00:00Z'));

  const start = async (): Promise<TestApp> => {
    testApp = await startApp(clock, (builder) =>
      builder.overrideProvider(MailTransport).useValue(new SmtpMailTransport({ host: '127.0.0.1', port: smtp.port, secure: false })),
    );
    return testApp;
  };

  beforeAll(async () => {
    smtp = new TestSmtpServer(await TestSmtpServer.freePort());
  });

  let stream: AbortController | undefined;

  afterEach(async () => {
    stream?.abort();
    await testApp?.close();
    testApp = undefined;
    await smtp.stop();
    smtp.received.length = 0;
    // Each test starts from a fresh database: the next start migrates and seeds it again.
    resetDatabase();
  });

  async function countRows(table: string, where = '1 = 1'): Promise<number> {
    const [{ n }] = await testApp!.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`);
    return Number(n);
  }

  it('raises exactly one alert per task and rung across restarts, catching up on steps that fell due while down', async () => {
    clock.set('2026-03-02T01:00:00Z');
    let app = await start();
    const desk = new Desk(app.url);
    for (let i = 0; i < 5; i++) {
      // No sign of a crime: only the commune's 12-hour verification is open.
      const caseId = (await openCase(desk, { signs: {}, work: undefined })).id;
      await completeStep(desk, AGENCY.hotline, caseId, 'open.procedure.intake');
    }
    expect(await countRows('alerts')).toBe(0);
    await app.close();

    // Down for 19 hours: each 12-hour verification passed due soon (9 h), overdue (12 h) and 50% over (18 h).
    clock.advanceHours(19);
    app = await start();
    expect(await countRows('alerts')).toBe(15);
    expect(await countRows('alerts', "level = 'due_soon'")).toBe(5);
    expect(await countRows('alerts', "level = 'overdue_long'")).toBe(5);
    expect(await countRows('outbox_messages', "kind = 'step_alert'")).toBe(15);

    await app.close();
    app = await start();
    expect(await app.app.get(OverdueScanner).scan()).toBe(0);
    expect(await countRows('alerts')).toBe(15);

    clock.advanceHours(6); // 25 hours after receipt: escalated to the lead agency's head
    expect(await app.app.get(OverdueScanner).scan()).toBe(5);
    expect(await countRows('alerts', "level = 'escalated'")).toBe(5);
    const [{ n }] = await app.query('SELECT COUNT(*) AS n FROM (SELECT task_id, level FROM alerts GROUP BY task_id, level HAVING COUNT(*) > 1) AS repeated');
    expect(Number(n)).toBe(0);
  });

  it('shows supervisors their alerts by agency and commune, live, and lets them acknowledge', async () => {
    clock.set('2026-03-02T01:00:00Z');
    const app = await start();
    const desk = new Desk(app.url);
    const opened = await openCase(desk);
    const caseId = opened.id;
    await completeStep(desk, AGENCY.hotline, caseId, 'open.procedure.intake');
    const chair = desk.as('binhlu.chair');
    const leadHead = desk.as('binhlu.culture.head');
    await leadHead.signIn();

    // The stream opens with a single-use ticket, never with the access token in the URL.
    const streamUrl = (query: string) => `${app.url}/alerts/stream?agencyId=${AGENCY.lead}&${query}`;
    expect((await fetch(streamUrl(`access_token=${leadHead.accessToken}`))).status).toBe(401);
    const { body: ticket } = await leadHead.post('/auth/stream-tickets');
    expect(ticket).toEqual({ ticket: expect.any(String), expiresIn: 30 });
    const stale = (await leadHead.post('/auth/stream-tickets')).body.ticket;
    clock.advanceHours(31 / 3600);
    expect((await fetch(streamUrl(`ticket=${stale}`))).status).toBe(401);
    const fresh = (await leadHead.post('/auth/stream-tickets')).body.ticket;

    stream = new AbortController();
    const events: any[] = [];
    const streaming = fetch(streamUrl(`ticket=${fresh}`), { signal: stream.signal }).then(async (response) => {
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
      }
    }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Used once, a ticket opens nothing more.
    expect((await fetch(streamUrl(`ticket=${fresh}`))).status).toBe(401);
    expect(ticket.ticket).not.toBe(fresh);

    clock.advanceHours(10);
    await app.app.get(OverdueScanner).scan();
    const own = await chair.get(`/alerts?agencyId=${AGENCY.communeA}`);
    expect(own.body.items.map((a: any) => a.level)).toEqual(['due_soon']);
    // A reminder goes to the agency that owes the step; the lead agency hears once it is late.
    expect((await leadHead.get(`/alerts?agencyId=${AGENCY.lead}`)).body.items).toEqual([]);

    clock.advanceHours(3);
    await app.app.get(OverdueScanner).scan();
    const lead = await leadHead.get(`/alerts?agencyId=${AGENCY.lead}`);
    expect(lead.body.items).toHaveLength(1);
    expect(lead.body.items[0]).toMatchObject({
      level: 'overdue',
      caseNumber: opened.caseNumber,
      agencyId: AGENCY.communeA,
      leadAgencyId: AGENCY.lead,
      taskOpen: true,
      assignee: null,
      levelLabel: { vi: 'Quá hạn', en: 'Overdue' },
    });
    // The supervisor sees who has taken the late step.
    expect((await desk.as('binhlu.officer').post(`/tasks/${lead.body.items[0].taskId}/claim`, {})).status).toBe(200);
    expect((await leadHead.get(`/alerts?agencyId=${AGENCY.lead}`)).body.items[0].assignee).toBe('binhlu.officer');
    // The chair moves the late step on: to whoever of the commune may do it, whoever had claimed it.
    const lateTask = lead.body.items[0].taskId;
    const assignees = await chair.get(`/tasks/${lateTask}/assignees`);
    expect(assignees.body.map((a: any) => a.username)).toEqual(['binhlu.chair', 'binhlu.officer']);
    expect((await desk.as('binhlu.officer').get(`/tasks/${lateTask}/assignees`)).status).toBe(403);
    expect((await leadHead.post(`/tasks/${lateTask}/assign`, { username: 'binhlu.culture' })).status).toBe(404);
    const notOfTheCommune = await chair.post(`/tasks/${lateTask}/assign`, { username: 'binhlu.police' });
    expect([notOfTheCommune.status, notOfTheCommune.body.message.vi]).toEqual([422, expect.stringContaining('không phải tài khoản đang hoạt động')]);
    for (const body of [{}, { username: 'Binh Lu' }, { username: ['binhlu.chair'] }, { username: 'binhlu.chair', assignee: 'x' }]) {
      expect([body, (await chair.post(`/tasks/${lateTask}/assign`, body)).status]).toEqual([body, 400]);
    }
    expect((await leadHead.get(`/alerts?agencyId=${AGENCY.lead}`)).body.items[0].assignee).toBe('binhlu.officer');
    const taken = await chair.post(`/tasks/${lateTask}/assign`, { username: 'binhlu.chair' });
    expect([taken.status, taken.body.assignee]).toEqual([200, 'binhlu.chair']);
    expect((await leadHead.get(`/alerts?agencyId=${AGENCY.lead}`)).body.items[0].assignee).toBe('binhlu.chair');
    expect((await chair.post(`/tasks/${lateTask}/assign`, { username: 'binhlu.officer' })).body.assignee).toBe('binhlu.officer');
    expect(await countRows('audit_log', "action = 'task.assign'")).toBe(2);
    expect((await chair.get(`/alerts?agencyId=${AGENCY.communeA}&communeCode=03388`)).body.items).toEqual([]);
    // Another agency's alerts, and alerts for someone who is not a supervisor, are not to be had.
    expect((await chair.get(`/alerts?agencyId=${AGENCY.lead}`)).status).toBe(404);
    expect((await desk.as('binhlu.officer').get(`/alerts?agencyId=${AGENCY.communeA}`)).status).toBe(403);

    for (let i = 0; i < 20 && events.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    stream.abort();
    await streaming;
    expect(events.map((e) => [e.level, e.caseNumber])).toEqual([['overdue', opened.caseNumber]]);

    // Acknowledging is a supervisor's act: a coordinator who is not one sees the alert but cannot clear it.
    const coordinator = desk.as('binhlu.culture');
    expect((await coordinator.get(`/alerts?agencyId=${AGENCY.lead}`)).body.items).toHaveLength(1);
    expect((await coordinator.post(`/alerts/${lead.body.items[0].id}/acknowledge`, {})).status).toBe(403);
    const acknowledged = await leadHead.post(`/alerts/${lead.body.items[0].id}/acknowledge`, {});
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ acknowledgedBy: 'binhlu.culture.head', acknowledgedAt: expect.any(String) });
    expect((await leadHead.get(`/alerts?agencyId=${AGENCY.lead}`)).body.items).toEqual([]);
    expect((await leadHead.get(`/alerts?agencyId=${AGENCY.lead}&state=acknowledged`)).body.items).toHaveLength(1);
    // The lead agency's "seen" is its own: the commune that owes the step still has the alert open.
    const communeOpen = (await chair.get(`/alerts?agencyId=${AGENCY.communeA}`)).body.items;
    expect(communeOpen.map((a: any) => [a.id, a.acknowledgedAt])).toContainEqual([lead.body.items[0].id, null]);
    // Acknowledging twice keeps the first.
    expect((await leadHead.post(`/alerts/${lead.body.items[0].id}/acknowledge`, {})).body.acknowledgedAt).toBe(acknowledged.body.acknowledgedAt);

    // The lead agency reminds the commune that owes the step: one e-mail to it, once an hour, audited.
    const remind = (api: typeof chair) => api.post(`/alerts/${lead.body.items[0].id}/remind`, {});
    expect((await remind(coordinator)).status).toBe(200);
    expect((await remind(leadHead)).status).toBe(409);
    expect((await remind(desk.as('doanket.culture.head'))).status).toBe(404);
    expect((await remind(desk.as('binhlu.officer'))).status).toBe(403);
    const reminders = await app.query(`SELECT recipients, subject, body FROM outbox_messages WHERE kind = 'step_reminder'`);
    expect(reminders).toHaveLength(1);
    expect(reminders[0].subject).toContain(opened.caseNumber);
    expect(`${reminders[0].subject} ${reminders[0].body}`).not.toMatch(/Lò Thị|karaoke|Neighbour|0912/);
    expect(await countRows('audit_log', "action = 'alert.remind'")).toBe(1);

    // Doing the step closes its alerts for everyone, and there is nothing left to remind.
    await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.verification', { founded: true, emergency: false });
    expect((await remind(leadHead)).status).toBe(409);
    expect((await chair.get(`/alerts?agencyId=${AGENCY.communeA}`)).body.items).toEqual([]);
    expect((await chair.get(`/alerts?agencyId=${AGENCY.communeA}&state=all`)).body.items).toHaveLength(2);
    expect((await chair.post('/alerts/9b2f7a52-5d8a-4a57-9d7a-0f0e4b9d2c11/acknowledge', {})).status).toBe(404);
  });

  it('e-mails a new referral, an overdue step and a closed case with the case number and a link only', async () => {
    clock.set('2026-03-02T01:00:00Z');
    await smtp.start();
    const app = await start();
    const desk = new Desk(app.url);
    const caseId = await caseInSupport(desk, { outOfSchool: true });
    const caseNumber = (await desk.of(AGENCY.communeA).get(`/cases/${caseId}`)).body.caseNumber;
    clock.advanceHours(25); // the police referral (24 hours to accept) is now overdue
    await app.app.get(OverdueScanner).scan();
    await app.app.get(MailRelay).deliverDue();

    const referral = smtp.received.find((m) => m.subject?.includes('Yêu cầu chuyển gửi mới') && m.subject.includes('Công an'));
    expect(referral).toBeDefined();
    expect(referral!.subject).toContain(caseNumber);
    expect((referral!.to as any).text).toBe('agency-12@demo.invalid');
    expect(referral!.text).toContain(`http://localhost:3000/console/cases/${caseId}`);
    expect(referral!.messageId).toMatch(/^<referral:[0-9a-f-]+@localhost>$/);

    const overdue = smtp.received.find((m) => m.subject?.includes('Quá hạn / Overdue') && m.text?.includes('Công an xã Bình Lư'));
    expect(overdue).toBeDefined();
    expect(((overdue!.to as any).value as Array<{ address: string }>).map((a) => a.address).sort()).toEqual([
      'agency-12@demo.invalid',
      'agency-17@demo.invalid',
    ]);

    const unfounded = await openCase(desk, { signs: {}, work: undefined });
    await completeStep(desk, AGENCY.hotline, unfounded.id, 'open.procedure.intake');
    await completeStep(desk, AGENCY.communeA, unfounded.id, 'open.procedure.verification', { founded: false, emergency: false });
    await app.app.get(MailRelay).deliverDue();
    const closed = smtp.received.find((m) => m.subject === `[${unfounded.caseNumber}] Hồ sơ đã đóng / Case closed`);
    expect(closed).toBeDefined();
    expect(closed!.text).toContain('report unfounded');

    // Nothing about the child, the reporter or the situation leaves in any e-mail.
    for (const mail of smtp.received) {
      for (const personal of ['Lò Thị', 'Neighbour', '0912345678', 'karaoke', 'Bản Bình Lư', 'Thái']) {
        expect([mail.subject, personal, mail.text?.includes(personal)]).toEqual([mail.subject, personal, false]);
      }
    }
    expect(await countRows('outbox_messages', 'sent_at IS NULL')).toBe(0);
  });

  it('delivers exactly once a message written while the SMTP server was down, once it is back', async () => {
    clock.set('2026-03-02T01:00:00Z');
    const app = await start();
    await caseInSupport(new Desk(app.url), {});
    const relay = app.app.get(MailRelay);

    expect(await relay.deliverDue()).toBe(0);
    const pending: Array<{ id: string; attempts: number; last_error: string }> = await app.query(
      'SELECT id, attempts, last_error FROM outbox_messages ORDER BY id',
    );
    expect(pending).toHaveLength(2); // the police and education referrals
    for (const message of pending) {
      expect(message.attempts).toBe(1);
      expect(message.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    }

    await smtp.start();
    expect(await relay.deliverDue()).toBe(0); // not yet: the retry waits its backoff
    clock.advanceHours(1 / 60);
    expect(await relay.deliverDue()).toBe(2);
    expect(await relay.deliverDue()).toBe(0);
    clock.advanceHours(2);
    expect(await relay.deliverDue()).toBe(0);

    expect(smtp.received.map((m) => m.messageId).sort()).toEqual(pending.map((m) => `<${m.id}@localhost>`).sort());
    const sent: Array<{ attempts: number; sent_at: string | null }> = await app.query('SELECT attempts, sent_at FROM outbox_messages');
    expect(sent.every((m) => m.attempts === 2 && m.sent_at !== null)).toBe(true);
  });

  it('writes e-mails to a folder when no SMTP server is configured', async () => {
    clock.set('2026-03-02T01:00:00Z');
    testApp = await startApp(clock);
    await caseInSupport(new Desk(testApp.url), {});
    // The police (trafficking signs) and education (a 14-year-old child labourer) referrals.
    expect(await testApp.app.get(MailRelay).deliverDue()).toBe(2);
    const { readdirSync, readFileSync } = await import('node:fs');
    const { dirname, join } = await import('node:path');
    const folder = join(dirname(process.env.DATABASE_PATH!), 'mail');
    const files = readdirSync(folder).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(2);
    expect(files.map((f) => readFileSync(join(folder, f), 'utf8')).join('\n')).toMatch(/Subject: .*12-2026-/);
  });
});
