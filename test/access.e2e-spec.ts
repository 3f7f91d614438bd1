import { DEMO_ACCOUNTS } from '../src/accounts/demo-accounts';
import { PACKETS } from '../src/access/referral-packets';
import { AGENCY, caseInSupport, completeStep, Desk, inboxTask, openCase } from './support/demo';
import { Api } from './support/api';
import { startApp, TestApp } from './support/test-app';

/**
 * Every route, with every demo role and scope. Commune A (Bình Lư) has a trafficking case in its
 * referrals (police, school, social support); commune B (the ward Đoàn Kết) has a case at verification.
 */
describe('Who may do what, and see which record', () => {
  let testApp: TestApp;
  let desk: Desk;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    testApp = await startApp();
    desk = new Desk(testApp.url);
    ids.caseA = await caseInSupport(desk, { outOfSchool: true, poorHousehold: true });
    ids.policeTask = (await inboxTask(desk, AGENCY.policeA, ids.caseA, 'open.police.pending')).id;
    ids.schoolTask = (await inboxTask(desk, AGENCY.schoolA, ids.caseA, 'open.education.pending')).id;
    ids.caseB = (await openCase(desk, { location: { provinceCode: '12', communeCode: '03388' } })).id;
    await completeStep(desk, AGENCY.hotline, ids.caseB, 'open.procedure.intake');
    ids.verifyB = (await inboxTask(desk, AGENCY.communeB, ids.caseB, 'open.procedure.verification')).id;
  });

  afterAll(() => testApp.close());

  const everyone = DEMO_ACCOUNTS.map((a) => a.username);
  type Route = { name: string; call: (as: string) => Promise<number>; allowed: Record<string, number> };
  const get = (path: () => string) => (as: string) => desk.as(as).get(path()).then((a) => a.status);
  const post = (path: () => string, body: () => unknown = () => ({})) => (as: string) => desk.as(as).post(path(), body()).then((a) => a.status);

  const routes: Route[] = [
    {
      name: 'GET /cases/:id of commune A',
      call: get(() => `/cases/${ids.caseA}`),
      allowed: {
        'hotline.operator': 200, 'binhlu.officer': 200, 'binhlu.chair': 200, 'binhlu.police': 200, 'binhlu.police.chief': 200,
        'binhlu.school': 200, 'binhlu.culture': 200, 'binhlu.culture.head': 200,
        'hotline.supervisor': 200, 'binhlu.school.head': 200, 'laichau.health.head': 200,
      },
    },
    {
      name: 'GET /cases/:id of commune B',
      call: get(() => `/cases/${ids.caseB}`),
      allowed: {
        'hotline.operator': 200, 'hotline.supervisor': 200, 'doanket.officer': 200, 'doanket.chair': 200, 'doanket.police.chief': 200,
        'doanket.culture.head': 200, 'laichau.health.head': 200,
      },
    },
    {
      name: 'GET /tasks/:id of the police referral',
      call: get(() => `/tasks/${ids.policeTask}`),
      allowed: { 'binhlu.police': 200, 'binhlu.police.chief': 200 },
    },
    {
      name: 'GET /tasks/:id of the verification in commune B',
      call: get(() => `/tasks/${ids.verifyB}`),
      allowed: { 'doanket.officer': 200, 'doanket.chair': 200 },
    },
    {
      name: 'POST /tasks/:id/claim of the school referral',
      call: post(() => `/tasks/${ids.schoolTask}/claim`),
      // The teacher claims it first (accounts run in order); the head may, but finds it taken.
      allowed: { 'binhlu.school': 200, 'binhlu.school.head': 409 },
    },
    {
      name: 'GET /agencies/:id/inbox of the commune A police',
      call: get(() => `/agencies/${AGENCY.policeA}/inbox`),
      allowed: { 'binhlu.police': 200, 'binhlu.police.chief': 200 },
    },
    {
      name: 'POST /cases',
      call: post(() => '/cases', () => ({ channel: 'hotline_111' })),
      // Allowed roles get as far as checking the (incomplete) report.
      allowed: Object.fromEntries(
        DEMO_ACCOUNTS.filter((a) => a.roles.some((r) => r === 'operator' || r === 'officer')).map((a) => [a.username, 400]),
      ),
    },
    {
      name: 'POST /cases/:id/events (commune A proposes closure)',
      call: post(() => `/cases/${ids.caseA}/events`, () => ({ type: 'CLOSURE_PROPOSED', data: { reason: 'x' } })),
      // The commune may, but not now (422); other readers may not send it (403); the rest cannot see the case.
      allowed: {
        'binhlu.officer': 422, 'binhlu.chair': 422, 'hotline.operator': 403, 'binhlu.police': 403, 'binhlu.police.chief': 403,
        'binhlu.school': 403, 'binhlu.culture': 403, 'binhlu.culture.head': 403, 'hotline.supervisor': 403, 'binhlu.school.head': 403,
        'laichau.health.head': 403,
      },
    },
    {
      name: 'GET /alerts of one’s own agency',
      call: (as) => {
        const account = DEMO_ACCOUNTS.find((a) => a.username === as)!;
        return desk.as(as).get(`/alerts?agencyId=${account.agencyId}`).then((a) => a.status);
      },
      allowed: Object.fromEntries(
        DEMO_ACCOUNTS.filter((a) => a.roles.some((r) => r === 'supervisor' || r === 'coordinator')).map((a) => [a.username, 200]),
      ),
    },
    {
      name: 'GET /agencies',
      call: get(() => '/agencies'),
      allowed: Object.fromEntries(everyone.map((u) => [u, 200])),
    },
    {
      name: 'POST /agencies',
      call: post(() => '/agencies', () => ({})),
      allowed: { admin: 400 },
    },
    {
      name: 'PUT /calendar/days/:date',
      call: (as) => desk.as(as).put('/calendar/days/2031-01-02', { kind: 'day_off', nameVi: 'Nghỉ', nameEn: 'Off' }).then((a) => a.status),
      allowed: { admin: 200 },
    },
    {
      name: 'GET /accounts',
      call: get(() => '/accounts'),
      allowed: { admin: 200 },
    },
    {
      name: 'GET /audit/verify',
      call: get(() => '/audit/verify'),
      allowed: { admin: 200 },
    },
  ];

  /** A refusal by role is 403; a record outside one's scope is 404, the same as one that does not exist. */
  function refusal(route: Route, as: string): number {
    const roleRefusals: Record<string, (roles: string[]) => boolean> = {
      'GET /tasks/:id of the police referral': (roles) => roles.every((r) => r === 'administrator'),
      'GET /tasks/:id of the verification in commune B': (roles) => roles.every((r) => r === 'administrator'),
      'POST /tasks/:id/claim of the school referral': (roles) => roles.every((r) => r === 'administrator'),
      'GET /agencies/:id/inbox of the commune A police': (roles) => roles.every((r) => r === 'administrator'),
    };
    const roles = DEMO_ACCOUNTS.find((a) => a.username === as)!.roles as string[];
    if (route.name.startsWith('GET /cases') || route.name.startsWith('POST /cases/:id')) return 404;
    if (roleRefusals[route.name]) return roleRefusals[route.name](roles) ? 403 : 404;
    return 403;
  }

  const table = routes.flatMap((route) => everyone.map((as) => [route.name, as] as const));

  it.each(table)('%s as %s', async (name, as) => {
    const route = routes.find((r) => r.name === name)!;
    const expected = route.allowed[as] ?? refusal(route, as);
    expect([name, as, await route.call(as)]).toEqual([name, as, expected]);
  });

  it('records every refusal in the audit trail, naming the record probed', async () => {
    const before: Array<{ n: number }> = await testApp.query(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'authz.denied'`);
    expect((await desk.as('doanket.officer').get(`/cases/${ids.caseA}`)).status).toBe(404);
    const after: Array<{ n: number }> = await testApp.query(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'authz.denied'`);
    expect(Number(after[0].n)).toBe(Number(before[0].n) + 1);
    const [last] = await testApp.query(`SELECT subject_type, subject_id, outcome FROM audit_log ORDER BY seq DESC LIMIT 1`);
    expect(last).toEqual({ subject_type: 'case', subject_id: ids.caseA, outcome: 'denied' });
  });

  it('gives the school the education packet: the child and schooling, nothing of the police', async () => {
    const view = (await desk.as('binhlu.school').get(`/cases/${ids.caseA}`)).body;
    expect(view.packet).toBe('education');
    expect(Object.keys(view.referrals)).toEqual(['education']);
    expect(view.findings).toEqual({ outOfSchool: true, poorHousehold: true });
    expect(view.classification).toBeUndefined();
    expect(view.intake.child.name).toBe('Lò Thị M.');
    expect(view.intake.signs).toEqual({});
    for (const field of ['condition', 'likelyHarm', 'reporter', 'work', 'actionsTaken']) expect(view.intake[field]).toBeUndefined();
    expect(view.states.map((s: any) => s.path).filter((p: string) => p !== 'open.procedure.followUp')).toEqual(['open.education.pending']);
    expect(view.tasks.every((t: any) => t.agencyId === AGENCY.schoolA)).toBe(true);
    expect(JSON.stringify(view)).not.toMatch(/police|trafficking|karaoke|Neighbour/i);
  });

  it('gives the police the police packet: the facts of the crime and the witness, not the school’s notes', async () => {
    const view = (await desk.as('binhlu.police').get(`/cases/${ids.caseA}`)).body;
    expect(view.packet).toBe('police');
    expect(Object.keys(view.referrals)).toEqual(['police']);
    expect(view.findings).toEqual({ traffickingSigns: true });
    expect(view.intake.signs).toEqual({ traffickingSigns: true });
    expect(view.intake.reporter).toMatchObject({ name: 'Neighbour', consent: true });
    expect(view.classification.policeReferral).toBe(true);
    expect(JSON.stringify(view)).not.toMatch(/outOfSchool|poorHousehold|education|socialSupport/);
  });

  it('gives the commune and the lead agency the whole case', async () => {
    const commune = (await desk.as('binhlu.officer').get(`/cases/${ids.caseA}`)).body;
    expect(commune.packet).toBe('caseManager');
    expect(Object.keys(commune.referrals).sort()).toEqual(['education', 'police', 'socialSupport']);
    expect(Object.keys(commune).sort()).toEqual(['packet', ...Object.keys(PACKETS.caseManager.case)].sort());
  });

  it('records each look at a case, without any of the child’s data in the trail', async () => {
    await desk.as('binhlu.police').get(`/cases/${ids.caseA}`);
    const [read] = await testApp.query(
      `SELECT actor_agency_id, detail FROM audit_log WHERE action = 'case.read' AND subject_id = ? ORDER BY seq DESC LIMIT 1`,
      [ids.caseA],
    );
    expect({ ...read, detail: typeof read.detail === 'string' ? JSON.parse(read.detail) : read.detail }).toEqual({ actor_agency_id: AGENCY.policeA, detail: { packet: 'police' } });
    const lines: Array<{ detail: unknown; subject_id: string | null; actor_id: string }> = await testApp.query(`SELECT detail, subject_id, actor_id FROM audit_log`);
    const text = lines.map((line) => JSON.stringify(line)).join('\n');
    expect(text).not.toMatch(/Lò Thị|Neighbour|0912345678|karaoke/);
  });

  it('never gives an account a scope wider than its agency’s area, whoever asks', async () => {
    const admin = desk.as('admin');
    const account = (agencyId: string, username: string, scope: Record<string, string>) =>
      admin.post('/accounts', { username, displayName: 'Scope test', agencyId, roles: ['officer'], password: 'a-long-enough-password', ...scope });
    const countBefore = (await admin.get('/accounts')).body.length;
    for (const [username, scope] of [
      ['scope.national', { scopeLevel: 'national' }],
      ['scope.province', { scopeLevel: 'province', scopeCode: '12' }],
      ['scope.othercommune', { scopeLevel: 'commune', scopeCode: '03388' }],
    ] as const) {
      const refused = await account(AGENCY.communeA, username, scope);
      expect([username, refused.status, refused.body.details?.[0]?.field]).toEqual([username, 400, 'scopeLevel']);
    }
    const unknownCode = await account(AGENCY.provinceHealth, 'scope.unknown', { scopeLevel: 'commune', scopeCode: '99999' });
    expect([unknownCode.status, unknownCode.body.details[0].field]).toEqual([400, 'scopeCode']);
    expect((await admin.get('/accounts')).body).toHaveLength(countBefore);
    // Narrower than the agency is fine: a provincial department's officer for one of its communes.
    expect((await account(AGENCY.provinceHealth, 'scope.narrow', { scopeLevel: 'commune', scopeCode: '03388' })).status).toBe(201);

    // A wide scope written before this check existed is cut back to the agency's area at sign-in.
    const made = await account(AGENCY.communeA, 'scope.legacy', {});
    await testApp.query(`UPDATE accounts SET scope_level = 'national', scope_code = NULL WHERE id = ?`, [made.body.id]);
    const signedIn = new Api(testApp.url, 'scope.legacy', 'a-long-enough-password');
    expect((await signedIn.get('/auth/me')).body.scope).toEqual({ level: 'commune', code: '03390' });
    expect((await signedIn.get(`/cases/${ids.caseB}`)).status).toBe(404);
  });
});
