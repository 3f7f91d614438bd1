import { Api } from './support/api';
import { AGENCY, DEMO_COMMUNE_B, inboxTask, traffickingReport } from './support/demo';
import { startApp, TestApp } from './support/test-app';

describe('Inboxes', () => {
  let testApp: TestApp;
  let api: Api;

  beforeAll(async () => {
    testApp = await startApp();
    api = new Api(testApp.url);
  });

  afterAll(() => testApp.close());

  async function openForwarded(overrides: Record<string, unknown> = {}): Promise<string> {
    const opened = await api.post('/cases', traffickingReport(overrides), 'operator-1');
    if (opened.status !== 201) throw new Error(JSON.stringify(opened.body));
    const task = await inboxTask(api, AGENCY.hotline, opened.body.id, 'intake');
    await api.post(`/tasks/${task.id}/complete`, {}, 'operator-1');
    return opened.body.id;
  }

  it('lists an agency’s open tasks soonest due first, filters overdue, due today and by commune, and pages', async () => {
    // Reports received at 08:00, 10:00 and 12:00 Vietnam time are due for verification 12 hours later.
    testApp.clock.set('2026-03-02T05:00:00Z');
    const first = await openForwarded({ receivedAt: '2026-03-02T01:00:00Z' });
    const second = await openForwarded({ receivedAt: '2026-03-02T03:00:00Z' });
    const third = await openForwarded();
    const elsewhere = await openForwarded({
      location: { provinceCode: 'LCU', districtCode: 'LCU-TDG', communeCode: DEMO_COMMUNE_B },
    });

    const inbox = await api.get(`/agencies/${AGENCY.communeA}/inbox`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((t: any) => t.caseId)).toEqual([first, second, third]);
    expect(inbox.body.total).toBe(3);
    expect(inbox.body.items[0]).toMatchObject({ step: 'verification', overdue: false, label: { vi: expect.stringContaining('Xác minh') } });
    expect(JSON.stringify(inbox.body)).not.toContain('Lò Thị');
    expect((await api.get(`/agencies/${AGENCY.communeB}/inbox`)).body.items.map((t: any) => t.caseId)).toEqual([elsewhere]);

    // 22:30 in Vietnam: the first report's verification is overdue, the other two are due before midnight.
    testApp.clock.set('2026-03-02T15:30:00Z');
    const overdue = await api.get(`/agencies/${AGENCY.communeA}/inbox?due=overdue`);
    expect(overdue.body.items.map((t: any) => t.caseId)).toEqual([first, second]);
    expect(overdue.body.items.every((t: any) => t.overdue)).toBe(true);
    const today = await api.get(`/agencies/${AGENCY.communeA}/inbox?due=today`);
    expect(today.body.items.map((t: any) => t.caseId)).toEqual([first, second]);
    testApp.clock.set('2026-03-02T17:30:00Z');
    const tomorrow = await api.get(`/agencies/${AGENCY.communeA}/inbox?due=today`);
    expect(tomorrow.body.items.map((t: any) => t.caseId)).toEqual([third]);

    const page2 = await api.get(`/agencies/${AGENCY.communeA}/inbox?page=2&pageSize=2`);
    expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.body.items.map((t: any) => t.caseId)).toEqual([third]);
    const byCommune = await api.get(`/agencies/${AGENCY.labourSocial}/inbox?communeCode=${DEMO_COMMUNE_B}`);
    expect(byCommune.body.items).toEqual([]);
  });

  it('rejects bad inbox queries and unknown agencies', async () => {
    expect((await api.get(`/agencies/${AGENCY.communeA}/inbox?due=someday`)).status).toBe(400);
    expect((await api.get(`/agencies/${AGENCY.communeA}/inbox?pageSize=1000`)).status).toBe(400);
    expect((await api.get('/agencies/00000000-0000-4000-8000-999999999999/inbox')).status).toBe(404);
  });
});

describe('Input checks', () => {
  let testApp: TestApp;
  let api: Api;

  beforeAll(async () => {
    testApp = await startApp();
    api = new Api(testApp.url);
  });

  afterAll(() => testApp.close());

  async function caseCount(): Promise<number> {
    const [{ n }] = await testApp.dataSource.query('SELECT COUNT(*) AS n FROM cases');
    return Number(n);
  }

  it.each([
    ['an unknown field', { ...traffickingReport(), priority: 'high' }, 'priority'],
    ['an unknown nested field', traffickingReport({ child: { sex: 'female', nickname: 'M' } }), 'child.nickname'],
    ['a named reporter without consent', traffickingReport({ reporter: { anonymous: false, consent: false, name: 'A' } }), 'reporter.consent'],
    ['an unknown channel', traffickingReport({ channel: 'pigeon' }), 'channel'],
    ['no commune', traffickingReport({ location: { provinceCode: 'LCU' } }), 'location.communeCode'],
    ['an adult', traffickingReport({ child: { sex: 'male', estimatedAgeYears: 19 } }), 'child.estimatedAgeYears'],
    ['an unknown job', traffickingReport({ work: { ageYears: 14, job: 'astronaut', workplace: 'home', hoursPerDay: 1, hoursPerWeek: 1, nightWork: false } }), 'work.job'],
  ])('refuses a report with %s, naming the field, and stores nothing', async (_, body, field) => {
    const before = await caseCount();
    const answer = await api.post('/cases', body, 'operator-1');
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('INVALID_INPUT');
    expect(answer.body.details.map((d: any) => d.field)).toContain(field);
    expect(answer.body.message.vi).toContain('Dữ liệu không hợp lệ');
    expect(await caseCount()).toBe(before);
  });

  it('refuses a report received in the future, and one without an acting user', async () => {
    const before = await caseCount();
    const future = await api.post('/cases', traffickingReport({ receivedAt: '2030-01-01T00:00:00Z' }), 'operator-1');
    expect(future.status).toBe(400);
    const anonymousCaller = await fetch(`${testApp.url}/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(traffickingReport()),
    });
    expect(anonymousCaller.status).toBe(400);
    expect(await caseCount()).toBe(before);
  });

  it('answers 404 for a case that does not exist and 400 for an id that cannot be one', async () => {
    expect((await api.get('/cases/9b2f7a52-5d8a-4a57-9d7a-0f0e4b9d2c11')).status).toBe(404);
    expect((await api.get('/cases/LCU-2026-1')).status).toBe(400);
    const event = await api.post('/cases/9b2f7a52-5d8a-4a57-9d7a-0f0e4b9d2c11/events', { type: 'FORWARDED' });
    expect(event.status).toBe(404);
  });

  it('refuses event data that does not fit the event, and unknown event types', async () => {
    const opened = await api.post('/cases', traffickingReport(), 'operator-1');
    const caseId = opened.body.id;
    const extra = await api.post(`/cases/${caseId}/events`, { type: 'FORWARDED', data: { to: 'somewhere' } });
    expect(extra.status).toBe(400);
    expect(extra.body.details[0].field).toBe('data.to');
    expect((await api.post(`/cases/${caseId}/events`, { type: 'TELEPORTED' })).status).toBe(400);
    expect((await api.get(`/cases/${caseId}`)).body.version).toBe(1);
  });

  it('numbers cases per province and year', async () => {
    const a = await api.post('/cases', traffickingReport({ receivedAt: '2026-01-05T01:00:00Z' }), 'operator-1');
    const b = await api.post('/cases', traffickingReport({ receivedAt: '2025-12-31T18:00:00Z' }), 'operator-1');
    expect(a.body.caseNumber).toMatch(/^LCU-2026-\d{5}$/);
    // 01:00 on 1 January in Vietnam belongs to the new year.
    expect(b.body.caseNumber).toBe('LCU-2026-' + String(Number(a.body.caseNumber.slice(-5)) + 1).padStart(5, '0'));
    const c = await api.post('/cases', traffickingReport({ receivedAt: '2025-12-31T16:00:00Z' }), 'operator-1');
    expect(c.body.caseNumber).toBe('LCU-2025-00001');
  });

  it('serves its OpenAPI document', async () => {
    const doc = await api.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/cases', '/cases/{id}', '/cases/{id}/events', '/agencies/{agencyId}/inbox', '/tasks/{id}/accept']),
    );
  });
});

describe('Agencies as data', () => {
  let testApp: TestApp;
  let api: Api;

  beforeAll(async () => {
    testApp = await startApp();
    api = new Api(testApp.url);
  });

  afterAll(() => testApp.close());

  it('routes new tasks to an agency added through the API', async () => {
    const created = await api.post('/agencies', {
      type: 'COMMUNE_PC',
      nameVi: 'Ủy ban nhân dân xã Nà Tăm',
      nameEn: 'Nà Tăm commune people’s committee',
      level: 'commune',
      provinceCode: 'LCU',
      districtCode: 'LCU-TDG',
      communeCode: 'LCU-TDG-NTA',
    });
    expect(created.status).toBe(201);
    const opened = await api.post('/cases', traffickingReport({ location: { provinceCode: 'LCU', districtCode: 'LCU-TDG', communeCode: 'LCU-TDG-NTA' } }), 'op');
    const task = await inboxTask(api, AGENCY.hotline, opened.body.id, 'intake');
    await api.post(`/tasks/${task.id}/complete`, {}, 'op');
    expect((await inboxTask(api, created.body.id, opened.body.id, 'verification')).agencyId).toBe(created.body.id);

    expect((await api.patch(`/agencies/${created.body.id}`, { active: false })).body.active).toBe(false);
    expect((await api.post('/agencies', { type: 'POLICE', nameVi: 'x', nameEn: 'x', level: 'commune', provinceCode: 'LCU' })).status).toBe(400);
  });
});
