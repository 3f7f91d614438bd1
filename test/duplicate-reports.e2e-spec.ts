import { replayCase } from '../workflows/case-workflow';
import { CaseRecord } from '../src/cases/case.entity';
import { ChildProfilesBackfill } from '../src/cases/child-profiles-backfill';
import { AGENCY, DEMO_COMMUNE_A, DEMO_COMMUNE_B, Desk, traffickingReport } from './support/demo';
import { jsonValue, startApp, TestApp } from './support/test-app';

/** A girl of twelve working in a brick kiln, reported by her mother's neighbour. */
const FIRST = traffickingReport({
  category: 'at_risk',
  signs: {},
  child: { name: 'Nguyễn Thị Lan', dateOfBirth: '2013-05-04', sex: 'female', ethnicity: 'Kinh' },
  guardian: { name: 'Nguyễn Văn Hùng', phone: '0168 222 3344' },
  reporter: { anonymous: true, relationship: 'hàng xóm' },
  work: { ageYears: 12, job: 'other', workplace: 'factory', hoursPerDay: 9, hoursPerWeek: 54, nightWork: false },
});

/** The same girl a month later, typed without marks by the school, her age guessed, her father's number in its new form. */
const SECOND = traffickingReport({
  channel: 'school',
  category: 'at_risk',
  signs: {},
  child: { name: 'Nguyen Thi Lan', estimatedAgeYears: 12, sex: 'female' },
  guardian: { name: 'Nguyen Van Hung', phone: '+84 38 222 3344' },
  reporter: { anonymous: false, consent: true, name: 'Cô giáo Hạnh', phone: '0977 000 111', relationship: 'giáo viên' },
  condition: 'Absent from school for three weeks, seen carrying bricks',
});

const lookup = (report: Record<string, any>) => ({ location: report.location, child: report.child, guardian: report.guardian });

describe('The same child reported twice is recognised at intake', () => {
  let testApp: TestApp;
  let desk: Desk;
  let first: { id: string; caseNumber: string };
  const count = async (table: string) => Number((await testApp.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    testApp = await startApp();
    desk = new Desk(testApp.url);
    const opened = await desk.operator.post('/cases', FIRST);
    expect(opened.status).toBe(201);
    first = opened.body;
    testApp.clock.advanceHours(24 * 30);
  });

  afterAll(() => testApp.close());

  it('shows the first case as a likely candidate while the second report is typed, with the evidence', async () => {
    const answer = await desk.operator.post('/cases/candidates', lookup(SECOND));
    expect(answer.status).toBe(200);
    expect(answer.body.thresholds).toEqual({ likely: 0.85, possible: 0.65 });
    const [candidate] = answer.body.candidates;
    expect(candidate).toMatchObject({ caseId: first.id, caseNumber: first.caseNumber, level: 'likely', communeCode: DEMO_COMMUNE_A });
    expect(candidate.score).toBeGreaterThanOrEqual(0.85);
    const evidence = Object.fromEntries(candidate.evidence.map((e: any) => [e.field, e.agreement]));
    expect(evidence).toMatchObject({ givenName: 'same', familyName: 'same', birth: 'same', guardian: 'same', phone: 'same', place: 'same' });
    expect(candidate.evidence.find((e: any) => e.field === 'phone').label).toEqual({ vi: 'Số điện thoại', en: 'Phone number' });
    // The hotline took the first report: its packet shows the child.
    expect(candidate.child).toEqual({ name: 'Nguyễn Thị Lan', ageYears: 12, dateOfBirth: '2013-05-04', sex: 'female' });
    const [audit] = await testApp.query(`SELECT action, subject_id FROM audit_log WHERE action = 'case.candidate_shown' ORDER BY seq DESC LIMIT 1`);
    expect(audit).toEqual({ action: 'case.candidate_shown', subject_id: first.id });
  });

  it('shows an agency that may not read the case the score and evidence only, nothing of the child', async () => {
    const answer = await desk.as('doanket.officer').post('/cases/candidates', lookup(SECOND));
    expect(answer.status).toBe(200);
    expect(answer.body.candidates[0]).toMatchObject({ caseId: first.id, level: 'likely', child: null });
    expect(JSON.stringify(answer.body)).not.toMatch(/Lan|Hùng|2013-05-04|3344/);
  });

  it('finds nothing for another child of the same family name in the commune', async () => {
    const answer = await desk.operator.post('/cases/candidates', lookup(traffickingReport({ child: { name: 'Nguyễn Văn Tùng', estimatedAgeYears: 8, sex: 'male' } })));
    expect(answer.body.candidates).toEqual([]);
  });

  it('will not open a second case for a likely duplicate until the operator decides, and changes nothing meanwhile', async () => {
    const before = await count('cases');
    const refused = await desk.operator.post('/cases', SECOND);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('DUPLICATE_SUSPECTED');
    expect(refused.body.message.en).toContain(first.caseNumber);
    expect(refused.body.details.candidates.map((c: any) => c.caseId)).toEqual([first.id]);
    expect(await count('cases')).toBe(before);
  });

  it('indexes a case opened before profiles were kept, at start', async () => {
    await testApp.query(`DELETE FROM child_match_keys WHERE case_id = ?`, [first.id]);
    await testApp.query(`DELETE FROM child_profiles WHERE case_id = ?`, [first.id]);
    const found = async () => (await desk.operator.post('/cases/candidates', lookup(SECOND))).body.candidates.map((c: any) => c.caseId);
    expect(await found()).toEqual([]);
    expect(await testApp.app.get(ChildProfilesBackfill).run()).toBe(1);
    expect(await found()).toEqual([first.id]);
  });

  it('refuses to link to a case that is not a candidate, or with a malformed decision, and changes nothing', async () => {
    const other = (await desk.operator.post('/cases', traffickingReport({ child: { name: 'Phạm Minh Tuấn', estimatedAgeYears: 15, sex: 'male' }, location: { provinceCode: '12', communeCode: DEMO_COMMUNE_B } }))).body;
    const before = { cases: await count('cases'), events: await count('case_events') };
    const notCandidate = await desk.operator.post('/cases', { ...SECOND, duplicates: { linkTo: other.id } });
    expect(notCandidate.status).toBe(422);
    expect(notCandidate.body.code).toBe('NOT_A_CANDIDATE');
    for (const duplicates of [{ linkTo: 'not-a-uuid' }, { notDuplicateOf: 'x' }, { linkTo: first.id, merge: true }]) {
      const answer = await desk.operator.post('/cases', { ...SECOND, duplicates });
      expect(answer.status).toBe(400);
    }
    expect({ cases: await count('cases'), events: await count('case_events') }).toEqual(before);
  });

  it('links the second report to the first case: its history, the agencies told, one child in the reports', async () => {
    const cases = await count('cases');
    const facts = await count('case_facts');
    const linked = await desk.operator.post('/cases', { ...SECOND, duplicates: { linkTo: first.id } });
    expect(linked.status).toBe(201);
    expect(linked.body).toEqual({ id: first.id, caseNumber: first.caseNumber, linked: true });
    expect(await count('cases')).toBe(cases);
    expect(await count('case_facts')).toBe(facts);

    const view = (await desk.as('binhlu.culture').get(`/cases/${first.id}`)).body;
    const line = view.history.find((h: any) => h.type === 'REPORT_LINKED');
    expect(line).toMatchObject({ actor: 'hotline.operator', payload: { report: { channel: 'school', condition: SECOND.condition } } });
    expect(line.payload.score).toBeGreaterThanOrEqual(0.85);

    const [audit] = await testApp.query(`SELECT actor_id, subject_id FROM audit_log WHERE action = 'case.report_linked'`);
    expect(audit.subject_id).toBe(first.id);
    const [mail] = await testApp.query(`SELECT recipients, subject, body FROM outbox_messages WHERE kind = 'report_linked'`);
    expect(mail.subject).toContain(first.caseNumber);
    expect(jsonValue<string[]>(mail.recipients).length).toBeGreaterThan(0);
    expect(`${mail.subject} ${mail.body}`).not.toMatch(/Lan|Hùng|Hung|3344|brick|gạch/i);

    // The case replays from its history; the linked report is a note, not a step.
    const record = await testApp.dataSource.getRepository(CaseRecord).findOneByOrFail({ id: first.id });
    const history = await testApp.query(`SELECT type, payload FROM case_events WHERE case_id = ? ORDER BY seq`, [first.id]);
    expect(replayCase(history.map((h: any) => ({ type: h.type, payload: jsonValue(h.payload) }))).value).toEqual(record.snapshot.value);
  });

  it('finds the case by what only the linked report said', async () => {
    const answer = await desk.operator.post('/cases/candidates', {
      location: FIRST.location,
      child: { name: 'Lan', sex: 'female', estimatedAgeYears: 12 },
      reporter: { phone: '+84977000111' },
    });
    expect(answer.body.candidates.map((c: any) => c.caseId)).toContain(first.id);
  });

  it('opens a new case when the operator confirms another child, and records who decided', async () => {
    const sister = traffickingReport({
      category: 'at_risk',
      signs: {},
      child: { name: 'Nguyễn Thị Lan', dateOfBirth: '2013-05-04', sex: 'female' },
      guardian: { name: 'Nguyễn Văn Hùng', phone: '0382223344' },
      reporter: { anonymous: true },
    });
    expect((await desk.operator.post('/cases', sister)).status).toBe(409);
    const opened = await desk.operator.post('/cases', { ...sister, duplicates: { notDuplicateOf: [first.id] } });
    expect(opened.status).toBe(201);
    expect(opened.body.linked).toBe(false);
    const history = await testApp.query(`SELECT type, actor, payload FROM case_events WHERE case_id = ? ORDER BY seq`, [opened.body.id]);
    expect(history.map((h: any) => h.type)).toEqual(['CASE_OPENED', 'DUPLICATE_REVIEWED']);
    expect(history[1].actor).toBe('hotline.operator');
    expect(jsonValue(history[1].payload).notDuplicateOf).toEqual([expect.objectContaining({ caseId: first.id, caseNumber: first.caseNumber })]);
    const [audit] = await testApp.query(`SELECT detail FROM audit_log WHERE action = 'case.duplicate_reviewed' AND subject_id = ?`, [opened.body.id]);
    expect(jsonValue(audit.detail)).toEqual({ notDuplicateOf: first.caseNumber });
    // The operator's inbox goes on as for any case: the new case waits to be forwarded.
    const inbox = (await desk.operator.get(`/agencies/${AGENCY.hotline}/inbox?pageSize=100`)).body;
    expect(inbox.items.some((t: any) => t.caseId === opened.body.id)).toBe(true);
  });

  it('refuses malformed look-ups and accounts that take no reports', async () => {
    expect((await desk.operator.post('/cases/candidates', { child: { name: 'Lan' } })).status).toBe(400);
    expect((await desk.operator.post('/cases/candidates', { ...lookup(SECOND), guardian: { phone: 'call me' } })).status).toBe(400);
    expect((await desk.operator.post('/cases/candidates', { ...lookup(SECOND), extra: 1 })).status).toBe(400);
    expect((await desk.operator.post('/cases/candidates', { ...lookup(SECOND), receivedAt: '2026-99-99T00:00:00Z' })).status).toBe(400);
    const tomorrow = new Date(testApp.clock.now().getTime() + 86_400_000).toISOString();
    expect((await desk.operator.post('/cases/candidates', { ...lookup(SECOND), receivedAt: tomorrow })).status).toBe(400);
    expect((await desk.operator.post('/cases/candidates', { ...lookup(SECOND), child: [] })).status).toBe(400);
    expect((await desk.operator.post('/cases/candidates', { ...lookup(SECOND), location: { provinceCode: '12', communeCode: '99999' } })).status).toBe(400);
    expect((await desk.as('hotline.supervisor').post('/cases/candidates', lookup(SECOND))).status).toBe(403);
  });

  it('shows the hotline a repeat caller: the reports the number made, and a flag its supervisor set until a last day', async () => {
    // The teacher's number, typed in another form: her one report is the one linked to the first case.
    const looked = await desk.operator.post('/callers/lookup', { phone: '+84 977 000 111' });
    expect(looked.status).toBe(200);
    expect(looked.body).toMatchObject({ phone: '+84977000111', totalReports: 1, recentReports: [{ caseNumber: first.caseNumber, receivedAt: '2026-04-01T01:00:00.000Z' }], flag: null });

    const today = testApp.clock.now().toISOString().slice(0, 10);
    const until = new Date(testApp.clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    const flagged = await desk.as('hotline.supervisor').put('/callers/flag', { phone: '0977000111', kind: 'needs_support', until, note: 'Gọi lại vào buổi sáng' });
    expect(flagged.status).toBe(200);
    const seen = (await desk.operator.post('/callers/lookup', { phone: '0977 000 111' })).body.flag;
    expect(seen).toMatchObject({ kind: 'needs_support', label: { vi: 'Người gọi cần được hỗ trợ, tư vấn' }, until, setBy: 'hotline.supervisor' });
    const audit = await testApp.query(`SELECT action, subject_id, detail FROM audit_log WHERE subject_type = 'caller' ORDER BY seq`);
    expect(audit.map((a: any) => a.action)).toEqual(['caller.read', 'caller.flag', 'caller.read']);
    expect(JSON.stringify(audit)).not.toMatch(/977|000111/);

    testApp.clock.advanceHours(11 * 24);
    expect((await desk.operator.post('/callers/lookup', { phone: '0977000111' })).body.flag).toBeNull();
    expect(today < until).toBe(true);
  });

  it('keeps caller profiles from everyone but the hotline, and flags from all but its supervisors', async () => {
    expect((await desk.as('binhlu.officer').post('/callers/lookup', { phone: '0977000111' })).status).toBe(403);
    expect((await desk.as('binhlu.police.chief').post('/callers/lookup', { phone: '0977000111' })).status).toBe(403);
    const until = new Date(testApp.clock.now().getTime() + 5 * 86_400_000).toISOString().slice(0, 10);
    expect((await desk.operator.put('/callers/flag', { phone: '0977000111', kind: 'needs_support', until })).status).toBe(403);
    const supervisor = desk.as('hotline.supervisor');
    for (const body of [
      { phone: '0977000111', kind: 'liar', until },
      { phone: '0977000111', kind: 'needs_support', until: '2020-01-01' },
      { phone: '0977000111', kind: 'needs_support', until: '2099-01-01' },
      { phone: '12', kind: 'needs_support', until },
      { phone: '0977000111', kind: 'needs_support', until, extra: true },
      { phone: '0977000111', kind: 'needs_support', until: '2026-02-30' },
      { phone: ['0977000111'], kind: 'needs_support', until },
      { phone: '0977000111', kind: 'needs_support', until, note: { text: 'x' } },
    ]) {
      expect((await supervisor.put('/callers/flag', body)).status).toBe(400);
    }
    expect((await desk.operator.post('/callers/lookup', { phone: '123456789012' })).status).toBe(400);
    expect((await supervisor.post('/callers/flag/clear', { phone: '0977000111' })).status).toBe(204);
    expect((await supervisor.post('/callers/flag/clear', { phone: '0977000111' })).status).toBe(404);
  });
});
