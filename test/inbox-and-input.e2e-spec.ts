import { Api } from './support/api';
import { AGENCY, DEMO_COMMUNE_B, Desk, inboxTask, openCase, traffickingReport } from './support/demo';
import { eventually, outsideQuery, startApp, TestApp } from './support/test-app';

describe('Inboxes', () => {
  let testApp: TestApp;
  let desk: Desk;

  beforeAll(async () => {
    testApp = await startApp();
    desk = new Desk(testApp.url);
  });

  afterAll(() => testApp.close());

  async function openForwarded(overrides: Record<string, unknown> = {}): Promise<string> {
    const caseId = (await openCase(desk, overrides)).id;
    const task = await inboxTask(desk, AGENCY.hotline, caseId, 'open.procedure.intake');
    await desk.operator.post(`/tasks/${task.id}/complete`, {});
    return caseId;
  }

  it('lists an agency’s open tasks soonest due first, filters overdue, due today and by commune, and pages', async () => {
    // Reports received at 08:00, 10:00 and 12:00 Vietnam time are due for verification 12 hours later.
    testApp.clock.set('2026-03-02T05:00:00Z');
    const first = await openForwarded({ receivedAt: '2026-03-02T01:00:00Z' });
    const second = await openForwarded({ receivedAt: '2026-03-02T03:00:00Z' });
    const third = await openForwarded();
    const elsewhere = await openForwarded({
      location: { provinceCode: '12', communeCode: DEMO_COMMUNE_B },
    });

    const inbox = await desk.of(AGENCY.communeA).get(`/agencies/${AGENCY.communeA}/inbox`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((t: any) => t.caseId)).toEqual([first, second, third]);
    expect(inbox.body.total).toBe(3);
    expect(inbox.body.items[0]).toMatchObject({ step: 'open.procedure.verification', overdue: false, label: { vi: expect.stringContaining('Xác minh') } });
    expect(JSON.stringify(inbox.body)).not.toContain('Lò Thị');
    expect((await desk.of(AGENCY.communeB).get(`/agencies/${AGENCY.communeB}/inbox`)).body.items.map((t: any) => t.caseId)).toEqual([elsewhere]);

    // 22:30 in Vietnam: the first report's verification is overdue, the other two are due before midnight.
    testApp.clock.set('2026-03-02T15:30:00Z');
    const overdue = await desk.of(AGENCY.communeA).get(`/agencies/${AGENCY.communeA}/inbox?due=overdue`);
    expect(overdue.body.items.map((t: any) => t.caseId)).toEqual([first, second]);
    expect(overdue.body.items.every((t: any) => t.overdue)).toBe(true);
    const today = await desk.of(AGENCY.communeA).get(`/agencies/${AGENCY.communeA}/inbox?due=today`);
    expect(today.body.items.map((t: any) => t.caseId)).toEqual([first, second]);
    testApp.clock.set('2026-03-02T17:30:00Z');
    const tomorrow = await desk.of(AGENCY.communeA).get(`/agencies/${AGENCY.communeA}/inbox?due=today`);
    expect(tomorrow.body.items.map((t: any) => t.caseId)).toEqual([third]);

    const page2 = await desk.of(AGENCY.communeA).get(`/agencies/${AGENCY.communeA}/inbox?page=2&pageSize=2`);
    expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.body.items.map((t: any) => t.caseId)).toEqual([third]);
    // A page past the end still says how many there are.
    expect((await desk.of(AGENCY.communeA).get(`/agencies/${AGENCY.communeA}/inbox?page=3&pageSize=2`)).body).toMatchObject({ items: [], total: 3, page: 3 });
    const byCommune = await desk.of(AGENCY.lead).get(`/agencies/${AGENCY.lead}/inbox?communeCode=${DEMO_COMMUNE_B}`);
    expect(byCommune.body.items).toEqual([]);
  });

  it('shows in the next read of an inbox a step falling overdue, a claim and a new case, and a change made from outside', async () => {
    testApp.clock.set('2026-04-06T01:00:00Z');
    const caseId = await openForwarded({ receivedAt: '2026-04-06T01:00:00Z' });
    const officer = desk.of(AGENCY.communeA);
    const line = async () => (await officer.get(`/agencies/${AGENCY.communeA}/inbox?pageSize=100`)).body.items.find((t: any) => t.caseId === caseId);
    const before = await line();
    expect(before).toMatchObject({ overdue: false, assignee: null });
    // Half a minute before the step is due, then half a minute after, with nothing written between.
    testApp.clock.set(new Date(Date.parse(before.dueAt) - 30_000));
    expect(await line()).toEqual(before);
    expect(await line()).toEqual(before);
    testApp.clock.set(new Date(Date.parse(before.dueAt) + 30_000));
    expect(await line()).toMatchObject({ id: before.id, overdue: true });
    await officer.post(`/tasks/${before.id}/claim`, {});
    expect((await line()).assignee).toBe('binhlu.officer');
    const another = await openForwarded();
    expect((await officer.get(`/agencies/${AGENCY.communeA}/inbox?pageSize=100`)).body.items.map((t: any) => t.caseId)).toContain(another);
    await outsideQuery(testApp, `UPDATE tasks SET assignee = 'binhlu.chair' WHERE id = ?`, [before.id]);
    const repaired = await eventually(line, (t) => t.assignee === 'binhlu.chair', 3000);
    expect(repaired.assignee).toBe('binhlu.chair');
  });

  it('answers an inbox page read again with the same JSON and ETag, 304 to that ETag, and a new one after a change', async () => {
    const caseId = await openForwarded();
    const officer = desk.of(AGENCY.communeA);
    const path = `/agencies/${AGENCY.communeA}/inbox?pageSize=100`;
    expect((await officer.get(path)).status).toBe(200);
    // As a browser revalidates; fetch would otherwise add `cache-control: no-cache` to a conditional GET.
    const read = async (etag?: string) => {
      const conditional: Record<string, string> = etag ? { 'if-none-match': etag, 'cache-control': 'max-age=0' } : {};
      const response = await fetch(`${testApp.url}${path}`, { headers: { authorization: `Bearer ${officer.accessToken}`, ...conditional } });
      return { status: response.status, type: response.headers.get('content-type'), etag: response.headers.get('etag'), text: await response.text() };
    };
    const first = await read();
    const again = await read();
    expect(first).toMatchObject({ status: 200, type: 'application/json; charset=utf-8' });
    expect(first.etag).toMatch(/^W\/"/);
    expect(again).toEqual(first);
    const task = JSON.parse(first.text).items.find((t: any) => t.caseId === caseId);
    expect(await read(first.etag!)).toMatchObject({ status: 304, text: '' });
    await officer.post(`/tasks/${task.id}/claim`, {});
    const changed = await read(first.etag!);
    expect(changed.status).toBe(200);
    expect(changed.etag).not.toBe(first.etag);
    expect(JSON.parse(changed.text).items.find((t: any) => t.id === task.id).assignee).toBe('binhlu.officer');
  });

  it('rejects bad inbox queries and unknown agencies', async () => {
    expect((await desk.of(AGENCY.communeA).get(`/agencies/${AGENCY.communeA}/inbox?due=someday`)).status).toBe(400);
    expect((await desk.of(AGENCY.communeA).get(`/agencies/${AGENCY.communeA}/inbox?pageSize=1000`)).status).toBe(400);
    expect((await desk.of(AGENCY.communeA).get('/agencies/00000000-0000-4000-8000-999999999999/inbox')).status).toBe(404);
    // Another agency's inbox does not exist for the caller.
    expect((await desk.of(AGENCY.communeA).get(`/agencies/${AGENCY.communeB}/inbox`)).status).toBe(404);
  });
});

describe('Input checks', () => {
  let testApp: TestApp;
  let desk: Desk;

  beforeAll(async () => {
    testApp = await startApp();
    desk = new Desk(testApp.url);
  });

  afterAll(() => testApp.close());

  async function caseCount(): Promise<number> {
    const [{ n }] = await testApp.query('SELECT COUNT(*) AS n FROM cases');
    return Number(n);
  }

  it.each([
    ['an unknown field', { ...traffickingReport(), priority: 'high' }, 'priority'],
    ['an unknown nested field', traffickingReport({ child: { sex: 'female', nickname: 'M' } }), 'child.nickname'],
    ['a named reporter without consent', traffickingReport({ reporter: { anonymous: false, consent: false, name: 'A' } }), 'reporter.consent'],
    ['an unknown channel', traffickingReport({ channel: 'pigeon' }), 'channel'],
    ['no commune', traffickingReport({ location: { provinceCode: '12' } }), 'location.communeCode'],
    ['an adult', traffickingReport({ child: { sex: 'male', estimatedAgeYears: 19 } }), 'child.estimatedAgeYears'],
    ['no place', { ...traffickingReport(), location: undefined }, 'location'],
    ['a list for the place', traffickingReport({ location: [] }), 'location'],
    ['a list for the child', traffickingReport({ child: [] }), 'child'],
    ['no reporter', { ...traffickingReport(), reporter: undefined }, 'reporter'],
    ['a list for the work', traffickingReport({ work: [] }), 'work'],
    ['a blank condition', traffickingReport({ condition: ' \n\t ' }), 'condition'],
    ['a child born after the report', traffickingReport({ child: { sex: 'female', dateOfBirth: '2030-05-01' } }), 'child.dateOfBirth'],
    ['a date of birth that makes an adult', traffickingReport({ child: { sex: 'female', dateOfBirth: '1950-05-01' } }), 'child.dateOfBirth'],
    ['a report from 1900', traffickingReport({ receivedAt: '1900-01-01T00:00:00Z' }), 'receivedAt'],
    ['an unknown province', traffickingReport({ location: { provinceCode: '99', communeCode: '03390' } }), 'location.provinceCode'],
    ['a commune outside its province', traffickingReport({ location: { provinceCode: '01', communeCode: '03390' } }), 'location.communeCode'],
    ['an unknown commune', traffickingReport({ location: { provinceCode: '12', communeCode: '99999' } }), 'location.communeCode'],
    ['a code typed by hand', traffickingReport({ location: { provinceCode: 'HNI', communeCode: 'LCU-TDG-BINHLU' } }), 'location.communeCode'],
    ['an unknown job', traffickingReport({ work: { ageYears: 14, job: 'astronaut', workplace: 'home', hoursPerDay: 1, hoursPerWeek: 1, nightWork: false } }), 'work.job'],
  ])('refuses a report with %s, naming the field, and stores nothing', async (_, body, field) => {
    const before = await caseCount();
    const answer = await desk.operator.post('/cases', body);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('INVALID_INPUT');
    expect(answer.body.details.map((d: any) => d.field)).toContain(field);
    expect(answer.body.message.vi).toContain('Dữ liệu không hợp lệ');
    expect(await caseCount()).toBe(before);
  });

  it('refuses a report received in the future, and one from nobody signed in', async () => {
    const before = await caseCount();
    const future = await desk.operator.post('/cases', traffickingReport({ receivedAt: '2030-01-01T00:00:00Z' }));
    expect(future.status).toBe(400);
    const anonymousCaller = await new Api(testApp.url).post('/cases', traffickingReport());
    expect(anonymousCaller.status).toBe(401);
    expect(await caseCount()).toBe(before);
  });

  it('refuses at intake a report from a commune that no lead agency serves, instead of leaving it stuck', async () => {
    const before = await caseCount();
    // Phường Ba Đình, Hà Nội: a real ward, but no agency of the demo serves it.
    const answer = await desk.operator.post('/cases', traffickingReport({ location: { provinceCode: '01', communeCode: '00004' } }));
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('NO_AGENCY_IN_AREA');
    expect(answer.body.message.en).toContain('00004');
    expect(await caseCount()).toBe(before);
  });

  it('answers 404 for a case that does not exist and 400 for an id that cannot be one', async () => {
    const officer = desk.of(AGENCY.communeA);
    expect((await officer.get('/cases/9b2f7a52-5d8a-4a57-9d7a-0f0e4b9d2c11')).status).toBe(404);
    expect((await officer.get('/cases/12-2026-1')).status).toBe(400);
    const event = await officer.post('/cases/9b2f7a52-5d8a-4a57-9d7a-0f0e4b9d2c11/events', { type: 'REOPENED', data: { reason: 'x' } });
    expect(event.status).toBe(404);
  });

  it('refuses event data that does not fit the event, and unknown event types', async () => {
    const caseId = (await openCase(desk)).id;
    const officer = desk.of(AGENCY.communeA);
    const extra = await officer.post(`/cases/${caseId}/events`, { type: 'CLOSURE_PROPOSED', data: { reason: 'stable', to: 'somewhere' } });
    expect(extra.status).toBe(400);
    expect(extra.body.details[0].field).toBe('data.to');
    expect((await officer.post(`/cases/${caseId}/events`, { type: 'TELEPORTED' })).status).toBe(400);
    expect((await officer.get(`/cases/${caseId}`)).body.version).toBe(1);
  });

  it('numbers cases per province and year', async () => {
    testApp.clock.set('2026-01-06T01:00:00Z');
    const a = await desk.operator.post('/cases', traffickingReport({ receivedAt: '2026-01-05T01:00:00Z' }));
    const b = await desk.operator.post('/cases', traffickingReport({ receivedAt: '2025-12-31T18:00:00Z' }));
    expect(a.body.caseNumber).toMatch(/^12-2026-\d{5}$/);
    // 01:00 on 1 January in Vietnam belongs to the new year.
    expect(b.body.caseNumber).toBe('12-2026-' + String(Number(a.body.caseNumber.slice(-5)) + 1).padStart(5, '0'));
    const c = await desk.operator.post('/cases', traffickingReport({ receivedAt: '2025-12-31T16:00:00Z' }));
    expect(c.body.caseNumber).toBe('12-2025-00001');
  });

  it('numbers on past 99,999 without cutting a digit, and names the number in the e-mails the opening writes', async () => {
    testApp.clock.set('2024-01-02T01:00:00Z');
    await outsideQuery(testApp, `INSERT INTO case_number_counters (province_code, year, last_seq) VALUES ('12', 2023, 99998)`);
    const first = await desk.operator.post('/cases', traffickingReport({ receivedAt: '2023-12-30T01:00:00Z' }));
    const second = await desk.operator.post('/cases', traffickingReport({ receivedAt: '2023-12-30T02:00:00Z' }));
    expect([first.body.caseNumber, second.body.caseNumber]).toEqual(['12-2023-99999', '12-2023-100000']);
    expect((await desk.of(AGENCY.communeA).get(`/cases/${second.body.id}`)).body.caseNumber).toBe('12-2023-100000');
    // The police are told at once, and the e-mail names the number, never the stand-in it had before.
    const mails = await testApp.query(`SELECT subject, body FROM outbox_messages WHERE subject LIKE ?`, ['%12-2023-100000%']);
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) expect(mail.body).toContain('12-2023-100000');
    const standIn = second.body.id.replace(/-/g, '');
    expect(await testApp.query(`SELECT id FROM outbox_messages WHERE subject LIKE ? OR body LIKE ?`, [`%${standIn}%`, `%${standIn}%`])).toEqual([]);
  });

  it('gives reports taken at the same moment numbers that follow on, none twice and none skipped', async () => {
    testApp.clock.set('2024-03-04T01:00:00Z');
    const opened = await Promise.all(Array.from({ length: 20 }, () => desk.operator.post('/cases', traffickingReport({ receivedAt: '2024-03-04T00:30:00Z' }))));
    expect(opened.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = opened.map((r) => r.body.caseNumber as string).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `12-2024-${String(i + 1).padStart(5, '0')}`));
    const stored = await Promise.all(opened.map((r) => desk.of(AGENCY.communeA).get(`/cases/${r.body.id}`)));
    expect(stored.map((r) => r.body.caseNumber).sort()).toEqual(numbers);
  });

  it('serves its OpenAPI document', async () => {
    const doc = await new Api(testApp.url).get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/cases', '/cases/{id}', '/cases/{id}/events', '/agencies/{agencyId}/inbox', '/tasks/{id}/accept']),
    );
  });
});

describe('Agencies as data', () => {
  let testApp: TestApp;
  let desk: Desk;

  beforeAll(async () => {
    testApp = await startApp();
    desk = new Desk(testApp.url);
  });

  afterAll(() => testApp.close());

  it('routes new tasks to an agency added through the API', async () => {
    const admin = desk.as('admin');
    const created = await admin.post('/agencies', {
      type: 'COMMUNE_PC',
      nameVi: 'Ủy ban nhân dân xã Sin Suối Hồ',
      nameEn: 'Sin Suối Hồ commune people’s committee',
      level: 'commune',
      provinceCode: '12',
      communeCode: '03394',
    });
    expect(created.status).toBe(201);
    const caseId = (await openCase(desk, { location: { provinceCode: '12', communeCode: '03394' } })).id;
    const task = await inboxTask(desk, AGENCY.hotline, caseId, 'open.procedure.intake');
    await desk.operator.post(`/tasks/${task.id}/complete`, {});
    // Nobody of the new committee has an account yet: the task row itself shows who owes the step.
    const [row] = await testApp.query(`SELECT agency_id FROM tasks WHERE case_id = ? AND step = 'open.procedure.verification'`, [caseId]);
    expect(row.agency_id).toBe(created.body.id);

    // Area codes come from the gazetteer: an unknown one, or a commune of another province, changes nothing.
    const agenciesBefore = (await admin.get('/agencies?pageSize=200')).body.total;
    const unknown = await admin.post('/agencies', { type: 'POLICE', nameVi: 'x', nameEn: 'x', level: 'commune', provinceCode: '12', communeCode: '99999' });
    expect([unknown.status, unknown.body.details[0].field]).toEqual([400, 'communeCode']);
    const elsewhere = await admin.post('/agencies', { type: 'POLICE', nameVi: 'x', nameEn: 'x', level: 'commune', provinceCode: '01', communeCode: '03390' });
    expect([elsewhere.status, elsewhere.body.details[0].field]).toEqual([400, 'communeCode']);
    expect((await admin.patch(`/agencies/${created.body.id}`, { communeCode: '00004' })).status).toBe(400);
    expect((await admin.get('/agencies?pageSize=200')).body.total).toBe(agenciesBefore);
    expect((await admin.get(`/agencies/${created.body.id}`)).body.communeCode).toBe('03394');

    expect((await admin.patch(`/agencies/${created.body.id}`, { active: false })).body.active).toBe(false);
    expect((await admin.post('/agencies', { type: 'POLICE', nameVi: 'x', nameEn: 'x', level: 'commune', provinceCode: '12' })).status).toBe(400);
    expect((await desk.of(AGENCY.communeA).post('/agencies', { type: 'POLICE', nameVi: 'x', nameEn: 'x', level: 'national' })).status).toBe(403);
  });
});
