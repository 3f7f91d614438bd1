import { Api } from './support/api';
import { acceptReferral, AGENCY, caseInSupport, completeStep } from './support/demo';
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
    let api = new Api(testApp.url);
    const caseId = await caseInSupport(api);
    await acceptReferral(api, AGENCY.policeA, caseId, 'police', 'police-officer');
    const before = await api.get(`/cases/${caseId}`);
    const policeInbox = await api.get(`/agencies/${AGENCY.policeA}/inbox`);
    await testApp.close();

    testApp = await startApp(clock);
    api = new Api(testApp.url);
    const after = await api.get(`/cases/${caseId}`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
    expect((await api.get(`/agencies/${AGENCY.policeA}/inbox`)).body).toEqual(policeInbox.body);

    const done = await completeStep(api, AGENCY.policeA, caseId, 'support.police.inProgress', { outcome: 'Verified' }, 'police-officer');
    expect(done.states.map((s: any) => s.path)).toContain('support.police.done');
    expect(done.version).toBe(before.body.version + 1);
  });

  it('refuses to start when a stored case is in a state the statechart no longer knows', async () => {
    testApp = await startApp();
    const caseId = await caseInSupport(new Api(testApp.url));
    await testApp.dataSource.query(`UPDATE cases SET snapshot = json_set(snapshot, '$.value', 'retiredStep') WHERE id = ?`, [caseId]);
    await testApp.close();
    testApp = undefined;

    await expect(startApp()).rejects.toThrow(/"retiredStep".*Migrate them first/);
  });
});
