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

  it('refuses to start when a stored case is in a state the statechart no longer knows', async () => {
    testApp = await startApp();
    const caseId = await caseInSupport(new Desk(testApp.url));
    await testApp.dataSource.query(`UPDATE cases SET snapshot = json_set(snapshot, '$.value', 'retiredStep') WHERE id = ?`, [caseId]);
    await testApp.close();
    testApp = undefined;

    await expect(startApp()).rejects.toThrow(/"retiredStep".*Migrate them first/);
  });
});
