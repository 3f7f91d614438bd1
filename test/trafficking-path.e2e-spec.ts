import { OverdueScanner } from '../src/alerts/overdue-scanner';
import { CaseMigrations } from '../src/cases/case-migrations';
import { acceptReferral, AGENCY, completeStep, Desk, inboxTask, openCase, traffickingReport } from './support/demo';
import { eventually, outsideQuery, startApp, TestApp } from './support/test-app';

/** Monday 2 March 2026, 08:00 in Vietnam. */
const RECEIVED = '2026-03-02T01:00:00.000Z';

describe('The law’s timing on the trafficking path (workflow version 2)', () => {
  let testApp: TestApp;
  let desk: Desk;

  beforeAll(async () => {
    testApp = await startApp();
    desk = new Desk(testApp.url);
  });

  afterAll(() => testApp.close());

  const alertsOf = (taskId: string): Promise<Array<{ level: string }>> =>
    testApp.query('SELECT level FROM alerts WHERE task_id = ? ORDER BY raised_at, level', [taskId]);

  it('tells the police of the README’s karaoke report at once, and they owe the art. 147 decision within 20 days, extendable', async () => {
    testApp.clock.set(RECEIVED);
    const opened = await desk.operator.post('/cases', traffickingReport());
    expect(opened.status).toBe(201);
    const caseId = opened.body.id;

    // From intake: the police acknowledge within 24 hours, beside the commune's steps.
    const acknowledge = await inboxTask(desk, AGENCY.policeA, caseId, 'open.police.pending');
    expect(acknowledge.dueAt).toBe('2026-03-03T01:00:00.000Z');
    await completeStep(desk, AGENCY.hotline, caseId, 'open.procedure.intake');
    testApp.clock.advanceHours(4);
    const verified = await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.verification', {
      founded: true,
      emergency: false,
      findings: { traffickingSigns: true, outOfSchool: true },
    });
    expect(verified.status).toBe('specificAssessment');
    expect(verified.tasks.filter((t: any) => t.referral === 'police')).toHaveLength(1);

    const accepted = await acceptReferral(desk, AGENCY.policeA, caseId, 'police');
    const decision = accepted.waitingFor.find((t: any) => t.step === 'open.police.inProgress');
    // 20 days from the police's receipt end on Sunday 22 March: the next working day is the last (art. 134).
    expect(decision.dueAt).toBe('2026-03-23T17:00:00.000Z');
    expect(decision.label.vi).toContain('quyết định khởi tố');

    // The plan takes the police referral over: no second police task, and the education referral opens.
    await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.specificAssessment', { findings: {} });
    await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.planDrafting', {});
    const approved = await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.planApproval');
    const policeTasks = approved.tasks.filter((t: any) => t.referral === 'police').map((t: any) => t.step);
    expect(policeTasks).toEqual(['open.police.pending', 'open.police.inProgress']);
    expect(approved.waitingFor.map((t: any) => t.step).sort()).toEqual(['open.education.pending', 'open.police.inProgress', 'open.procedure.followUp']);

    // Due soon is raised on the 20-day decision; it mails the day as people say it.
    testApp.clock.set('2026-03-20T01:00:00.000Z');
    await testApp.app.get(OverdueScanner).scan();
    expect(await alertsOf(decision.id)).toEqual([{ level: 'due_soon' }]);
    const [mail] = await testApp.query(`SELECT body FROM outbox_messages WHERE id = ?`, [`alert:${decision.id}:due_soon`]);
    expect(mail.body).toContain('hạn hết ngày 23/03/2026');
    expect(mail.body).toContain('due end of 23 Mar 2026');

    // The procuracy extends it: recorded as an event with its new last day, within the article's limit.
    const police = desk.of(AGENCY.policeA);
    const tooFar = await police.post(`/tasks/${decision.id}/extend`, { until: '2026-07-03', reason: 'Procuracy decision 12/QĐ-VKS' });
    expect(tooFar.status).toBe(422);
    expect(tooFar.body.message.en).toContain('from 2026-03-20 to 2026-07-02');
    expect((await police.post(`/tasks/${decision.id}/extend`, { until: '2026-02-30', reason: 'x' })).status).toBe(400);
    expect((await police.post(`/tasks/${decision.id}/extend`, { until: '2026-05-15' })).status).toBe(400);
    // What a stranger sends: wrong shapes, unknown fields, a day already past, a step that cannot be extended.
    for (const body of [[], { until: ['2026-05-15'], reason: 'x' }, { until: '2026-05-15T00:00:00Z', reason: 'x' }, { until: '2026-05-15', reason: 'x', agencyId: AGENCY.policeB }, { until: { $gt: '' }, reason: 'x' }]) {
      expect([body, (await police.post(`/tasks/${decision.id}/extend`, body)).status]).toEqual([body, 400]);
    }
    expect((await police.post(`/tasks/${decision.id}/extend`, { until: '2026-03-19', reason: 'backdated' })).status).toBe(422);
    const commune = await inboxTask(desk, AGENCY.communeA, caseId, 'open.procedure.followUp');
    const notExtendable = await desk.of(AGENCY.communeA).post(`/tasks/${commune.id}/extend`, { until: '2026-05-15', reason: 'x' });
    expect([notExtendable.status, notExtendable.body.code]).toEqual([422, 'ACTION_NOT_ALLOWED']);
    const unchanged = await police.get(`/cases/${caseId}`);
    expect(unchanged.body.waitingFor.find((t: any) => t.step === 'open.police.inProgress').id).toBe(decision.id);
    const extended = await police.post(`/tasks/${decision.id}/extend`, { until: '2026-05-15', reason: 'Procuracy decision 12/QĐ-VKS' });
    expect(extended.status).toBe(200);
    const newDecision = extended.body.waitingFor.find((t: any) => t.step === 'open.police.inProgress');
    expect(newDecision.dueAt).toBe('2026-05-15T17:00:00.000Z');
    expect(extended.body.referrals.police.extendedUntil).toBe('2026-05-15');
    expect(extended.body.history.map((h: any) => h.type)).toContain('REFERRAL_EXTENDED');

    // The extended deadline passes: the alerts follow the new task.
    testApp.clock.set('2026-05-16T01:00:00.000Z');
    await testApp.app.get(OverdueScanner).scan();
    expect((await alertsOf(newDecision.id)).map((a) => a.level)).toEqual(expect.arrayContaining(['due_soon', 'overdue']));

    // The decision names its result, one of the article's.
    const noResult = await police.post(`/tasks/${newDecision.id}/complete`, { data: { outcome: 'Decided' } });
    expect(noResult.status).toBe(400);
    expect(noResult.body.message.en).toContain('data.result must be one of: prosecution_opened, prosecution_not_opened, suspended, transferred');
    const decided = await police.post(`/tasks/${newDecision.id}/complete`, { data: { outcome: 'Bar owner charged', result: 'prosecution_opened' } });
    expect(decided.status).toBe(200);
    expect(decided.body.referrals.police).toMatchObject({ result: 'prosecution_opened' });
  });

  it('gives the shelter its task due 12 hours from receipt, tracks the 15-day separation, and follows up while referrals are open', async () => {
    testApp.clock.set(RECEIVED);
    const caseId = (await openCase(desk, { signs: {}, work: undefined })).id;
    await completeStep(desk, AGENCY.hotline, caseId, 'open.procedure.intake');
    testApp.clock.advanceHours(5);
    const verified = await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.verification', {
      founded: true,
      emergency: true,
      findings: { separationNeeded: true, harm: true },
    });
    const shelter = verified.waitingFor.find((t: any) => t.step === 'open.shelter.pending');
    expect(shelter).toMatchObject({ agencyId: AGENCY.shelter, dueAt: '2026-03-02T13:00:00.000Z' });
    expect(verified.waitingFor.find((t: any) => t.step === 'open.procedure.emergencyIntervention').dueAt).toBe('2026-03-02T13:00:00.000Z');

    testApp.clock.advanceHours(2);
    const intervened = await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.emergencyIntervention', { separated: true, measures: 'Placed at the provincial social work centre' });
    const separation = intervened.waitingFor.find((t: any) => t.step === 'open.separation.separated');
    // 15 days from the separation (2 March, 15:00 in Vietnam), to the end of 17 March.
    expect(separation).toMatchObject({ agencyId: AGENCY.communeA, role: 'supervisor', dueAt: '2026-03-17T17:00:00.000Z' });
    expect(intervened.tasks.filter((t: any) => t.referral === 'shelter')).toHaveLength(1);

    await acceptReferral(desk, AGENCY.shelter, caseId, 'shelter');
    await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.specificAssessment', { findings: {} });
    await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.planDrafting', {});
    await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.planApproval');

    // The separation limit raises its own alert.
    testApp.clock.set('2026-03-18T01:00:00.000Z');
    await testApp.app.get(OverdueScanner).scan();
    expect((await alertsOf(separation.id)).map((a) => a.level)).toContain('overdue');

    // Follow-up reviews go on while the health and shelter referrals are still open; closure waits for them.
    const reviewed = await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.followUp', { stable: false, notes: 'Still at the centre' });
    expect(reviewed.states.map((s: any) => s.path)).toEqual(expect.arrayContaining(['open.procedure.followUp', 'open.health.pending', 'open.shelter.inProgress']));
    const early = await desk.of(AGENCY.communeA).post(`/cases/${caseId}/events`, { type: 'CLOSURE_PROPOSED', data: { reason: 'too early' } });
    expect(early.status).toBe(422);

    const ended = await completeStep(desk, AGENCY.communeA, caseId, 'open.separation.separated', { notes: 'Back with her grandmother' });
    expect(ended.states.map((s: any) => s.path)).toContain('open.separation.ended');
    expect(ended.tasks.find((t: any) => t.id === separation.id).status).toBe('done');
  });

  it('moves a case stored by workflow version 1 on when it is opened, and by the batch, carrying its tasks and telling the police', async () => {
    testApp.clock.set(RECEIVED);
    const stored: string[] = [];
    for (let i = 0; i < 2; i++) {
      const caseId = (await openCase(desk, { signs: {}, work: undefined })).id;
      await completeStep(desk, AGENCY.hotline, caseId, 'open.procedure.intake');
      await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.verification', { founded: true, emergency: false, findings: { traffickingSigns: true } });
      stored.push(caseId);
    }
    // Put both back as version 1 stored them: no police referral before the plan, v1 step names.
    for (const caseId of stored) {
      await outsideQuery(testApp, `UPDATE tasks SET status = 'done' WHERE case_id = ? AND step LIKE 'open.police.%'`, [caseId]);
      const version1 =
        testApp.dataSource.options.type === 'postgres'
          ? `jsonb_set(jsonb_set(snapshot::jsonb #- '{context,separation}', '{value}', '"specificAssessment"'), '{context,referrals}', '{}')::json`
          : `json_set(json_remove(snapshot, '$.context.separation'), '$.value', 'specificAssessment', '$.context.referrals', json('{}'))`;
      await outsideQuery(testApp, `UPDATE cases SET machine_version = 1, snapshot = ${version1} WHERE id = ?`, [caseId]);
      await outsideQuery(
        testApp,
        `UPDATE tasks SET step = 'specificAssessment', machine_version = 1, policy_version = '2026.1' WHERE case_id = ? AND status = 'open'`,
        [caseId],
      );
    }
    const [{ due_at: dueBefore }] = await testApp.query(`SELECT due_at FROM tasks WHERE case_id = ? AND status = 'open'`, [stored[0]]);

    // Put back from outside the service, as an operator would: SQLite notices within a second.
    const view = await eventually(() => desk.of(AGENCY.communeA).get(`/cases/${stored[0]}`), (answer) => answer.body.history?.at(-1).type === 'WORKFLOW_MIGRATED', 3000);
    expect(view.status).toBe(200);
    expect(view.body.history.at(-1).type).toBe('WORKFLOW_MIGRATED');
    expect(view.body.version).toBe(view.body.history.length);
    const assessment = view.body.waitingFor.find((t: any) => t.step === 'open.procedure.specificAssessment');
    expect(new Date(assessment.dueAt).getTime()).toBe(new Date(dueBefore).getTime());
    expect(view.body.waitingFor.find((t: any) => t.step === 'open.police.pending')).toMatchObject({ agencyId: AGENCY.policeA });
    const [task] = await testApp.query(`SELECT machine_version, policy_version FROM tasks WHERE id = ?`, [assessment.id]);
    // The task keeps the policy that planned it; its step is now named as version 2 names it.
    expect(task).toEqual({ machine_version: 2, policy_version: '2026.1' });
    const [audit] = await testApp.query(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'case.migrate' AND subject_id = ?`, [stored[0]]);
    expect(Number(audit.n)).toBe(1);

    const migrations = testApp.app.get(CaseMigrations);
    expect(await migrations.check()).toEqual({ waiting: 1, refused: [] });
    expect(await migrations.migrateAll()).toEqual({ migrated: 1, refused: [] });
    expect(await migrations.check()).toEqual({ waiting: 0, refused: [] });
    const [second] = await testApp.query(`SELECT machine_version, status FROM cases WHERE id = ?`, [stored[1]]);
    expect(second).toEqual({ machine_version: 2, status: 'specificAssessment' });
  });
});
