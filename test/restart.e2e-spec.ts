import { acceptReferral, AGENCY, caseInSupport, completeStep, Desk } from './support/demo';
import { startApp, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';

describe('A restart in the middle of a case', () => {
  let testApp: TestApp | undefined;

  afterEach(async () => {
    await testApp?.close();
    testApp = undefined;
  });

  it('keeps state, tasks, due times and history, and the case goes on', async () => {
    const clock = new TestClock(new Date('2026-03-02T01:00:00Z'));
    testApp = await startApp(clock);
    let desk = new Desk(testApp.url);
    const caseId = await caseInSupport(desk);
    await acceptReferral(desk, AGENCY.policeA, caseId, 'police');
    const before = await desk.of(AGENCY.communeA).get(`/cases/${caseId}`);
    const policeInbox = await desk.of(AGENCY.policeA).get(`/agencies/${AGENCY.policeA}/inbox`);
    const police = desk.of(AGENCY.policeA);
    await testApp.close();

    testApp = await startApp(clock);
    desk = new Desk(testApp.url);
    const after = await desk.of(AGENCY.communeA).get(`/cases/${caseId}`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
    expect((await desk.of(AGENCY.policeA).get(`/agencies/${AGENCY.policeA}/inbox`)).body).toEqual(policeInbox.body);
    // A session started before the restart still stands after it.
    expect((await new Desk(testApp.url).of(AGENCY.policeA).get('/auth/me')).status).toBe(200);
    expect((await fetch(`${testApp.url}/auth/me`, { headers: { authorization: `Bearer ${police.accessToken}` } })).status).toBe(200);

    const done = await completeStep(desk, AGENCY.policeA, caseId, 'open.police.inProgress', { outcome: 'Verified', result: 'prosecution_not_opened' });
    expect(done.states.map((s: any) => s.path)).toContain('open.police.done');
    expect(done.version).toBe(before.body.version + 1);
  });

  it('starts with a stored case in a state no workflow version knows, and names that case when it is opened', async () => {
    testApp = await startApp();
    const old = await caseInSupport(new Desk(testApp.url));
    const current = await caseInSupport(new Desk(testApp.url));
    const retired =
      testApp.dataSource.options.type === 'postgres' ? `jsonb_set(snapshot::jsonb, '{value}', '"retiredStep"')::json` : `json_set(snapshot, '$.value', 'retiredStep')`;
    await testApp.query(`UPDATE cases SET machine_version = 1, snapshot = ${retired} WHERE id = ?`, [old]);
    await testApp.query(`UPDATE cases SET snapshot = ${retired} WHERE id = ?`, [current]);
    await testApp.close();
    testApp = undefined;

    testApp = await startApp();
    const desk = new Desk(testApp.url);
    const [{ number: oldNumber }] = await testApp.query('SELECT case_number AS number FROM cases WHERE id = ?', [old]);
    const refusedOld = await desk.of(AGENCY.communeA).get(`/cases/${old}`);
    expect(refusedOld.status).toBe(409);
    expect(refusedOld.body).toMatchObject({ code: 'CASE_STATE_UNKNOWN', details: { caseNumber: oldNumber, machineVersion: 1 } });
    expect(refusedOld.body.message.en).toContain(`Case ${oldNumber} (workflow version 1) cannot be moved to version 2: version 1 has no state "retiredStep"`);
    const refusedCurrent = await desk.of(AGENCY.communeA).get(`/cases/${current}`);
    expect(refusedCurrent.status).toBe(409);
    expect(refusedCurrent.body.message.en).toContain('unknown state "retiredStep"');
    // Every other case still works.
    expect((await desk.of(AGENCY.communeA).get(`/agencies/${AGENCY.communeA}/inbox`)).status).toBe(200);
  });
});
