import { CaseEventRecord } from '../src/cases/case-event.entity';
import { CaseRecord } from '../src/cases/case.entity';
import { Task } from '../src/tasks/task.entity';
import { replayCase } from '../workflows/case-workflow';
import { acceptReferral, AGENCY, caseInSupport, completeStep, Desk, inboxTask, openCase, traffickingReport } from './support/demo';
import { DatabaseNotifications, WAKE_UPS_APPLICATION } from '../src/database/notifications';
import { eventually, onPostgres, outsideQuery, startApp, TestApp } from './support/test-app';

describe('A case carried through the workflow over HTTP', () => {
  let testApp: TestApp;
  let desk: Desk;

  beforeAll(async () => {
    testApp = await startApp();
    desk = new Desk(testApp.url);
  });

  afterAll(() => testApp.close());

  it('takes a trafficking report from intake to closure through police, education and social-support referrals', async () => {
    const receivedAt = testApp.clock.now();
    const opened = await desk.operator.post('/cases', traffickingReport());
    expect(opened.status).toBe(201);
    expect(opened.body.caseNumber).toMatch(/^12-2026-\d{5}$/);
    const caseId = opened.body.id;

    const intake = await inboxTask(desk, AGENCY.hotline, caseId, 'open.procedure.intake');
    expect(intake).toMatchObject({ action: 'forward', role: 'operator', caseNumber: opened.body.caseNumber });
    expect(new Date(intake.dueAt).getTime()).toBe(receivedAt.getTime() + 2 * 3_600_000);
    await completeStep(desk, AGENCY.hotline, caseId, 'open.procedure.intake', undefined);

    testApp.clock.advanceHours(3);
    const verification = await inboxTask(desk, AGENCY.communeA, caseId, 'open.procedure.verification');
    // The 12-hour clock runs from receipt, not from when the commune got the case.
    expect(new Date(verification.dueAt).getTime()).toBe(receivedAt.getTime() + 12 * 3_600_000);
    await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.verification', {
      founded: true,
      emergency: false,
      findings: { outOfSchool: true, poorHousehold: true },
    });
    await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.specificAssessment', { findings: {} });
    await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.planDrafting', {});
    const approved = await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.planApproval', undefined);

    expect(approved.status).toBe('followUp');
    // Follow-up runs beside the referrals; the police, told at intake, carry on with the one task they had.
    expect(approved.states.map((s: any) => s.path).sort()).toEqual([
      'open.education.pending',
      'open.health.idle',
      'open.labourInspection.idle',
      'open.police.pending',
      'open.procedure.followUp',
      'open.separation.none',
      'open.shelter.idle',
      'open.socialSupport.pending',
    ]);
    const owners = Object.fromEntries(approved.waitingFor.filter((t: any) => t.referral).map((t: any) => [t.referral, t.agencyId]));
    expect(owners).toEqual({ police: AGENCY.policeA, education: AGENCY.schoolA, socialSupport: AGENCY.lead });
    expect(approved.tasks.filter((t: any) => t.referral === 'police')).toHaveLength(1);

    await acceptReferral(desk, AGENCY.policeA, caseId, 'police');
    await completeStep(desk, AGENCY.policeA, caseId, 'open.police.inProgress', { outcome: 'Investigation opened into the bar owner', result: 'prosecution_opened' });
    await acceptReferral(desk, AGENCY.schoolA, caseId, 'education');
    await completeStep(desk, AGENCY.schoolA, caseId, 'open.education.inProgress', { outcome: 'Re-enrolled in grade 8', result: 'returned_to_school' });
    await acceptReferral(desk, AGENCY.lead, caseId, 'socialSupport');
    const supported = await completeStep(desk, AGENCY.lead, caseId, 'open.socialSupport.inProgress', { outcome: 'Near-poor household allowance granted' });

    expect(supported.status).toBe('followUp');
    expect(supported.referrals.police).toMatchObject({ outcome: expect.stringMatching(/bar owner/), result: 'prosecution_opened' });
    const review = await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.followUp', { stable: true, notes: 'Attending school, living with mother' });
    // A recorded review starts the next review period: a new follow-up task, due 30 days on.
    const nextReview = review.waitingFor[0];
    expect(nextReview.step).toBe('open.procedure.followUp');
    expect(new Date(nextReview.dueAt).getTime()).toBe(testApp.clock.now().getTime() + 30 * 24 * 3_600_000);

    const proposed = await desk.of(AGENCY.communeA).post(`/cases/${caseId}/events`, { type: 'CLOSURE_PROPOSED', data: { reason: 'Child stable for a full review period' } });
    expect(proposed.status).toBe(201);
    const closed = await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.closureProposed', undefined);

    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect(closed.waitingFor).toEqual([]);
    expect(closed.tasks.every((t: any) => t.status === 'done')).toBe(true);
    expect(closed.history.map((h: any) => h.type)).toEqual([
      'CASE_OPENED', 'FORWARDED', 'VERIFICATION_COMPLETED', 'ASSESSMENT_COMPLETED', 'PLAN_DRAFTED', 'PLAN_APPROVED',
      'REFERRAL_ACCEPTED', 'REFERRAL_COMPLETED', 'REFERRAL_ACCEPTED', 'REFERRAL_COMPLETED', 'REFERRAL_ACCEPTED',
      'REFERRAL_COMPLETED', 'REVIEW_RECORDED', 'CLOSURE_PROPOSED', 'CLOSURE_APPROVED',
    ]);
    expect(closed.history.map((h: any) => h.actor)).toEqual(expect.arrayContaining(['hotline.operator', 'binhlu.chair', 'binhlu.police', 'binhlu.school']));
    expect(closed.version).toBe(closed.history.length);
  });

  it('keeps the verification (Mẫu 02), the assessment and its needs meeting (Mẫu 03), the plan and its measures (Mẫu 04) and the approval decision (Mẫu 05) in the case file, for the case’s managers only', async () => {
    const caseId = (await openCase(desk)).id;
    await completeStep(desk, AGENCY.hotline, caseId, 'open.procedure.intake');
    await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.verification', { founded: true, emergency: false, findings: { traffickingSigns: true }, notes: 'Gặp em tại nhà mẹ' });
    const meeting = { heldOn: '2026-03-04', participants: 'Mẹ của em; cán bộ tư pháp; hiệu trưởng', minutes: 'Em cần đi học lại; gia đình cần vay vốn' };
    const assessment = await inboxTask(desk, AGENCY.communeA, caseId, 'open.procedure.specificAssessment');
    const officer = desk.of(AGENCY.communeA, assessment.role);
    // A measure without its deadline, or a meeting on a day that does not exist, is refused and changes nothing.
    const badDay = await officer.post(`/tasks/${assessment.id}/complete`, { data: { findings: {}, needs: 'Đi học', meeting: { ...meeting, heldOn: '2026-02-30' } } });
    expect(badDay.status).toBe(400);
    expect(badDay.body.details.map((d: any) => d.field)).toContain('data.meeting.heldOn');
    for (const data of [
      { findings: {}, meeting: [meeting] },
      { findings: {}, meeting: { ...meeting, minutes: '   ' } },
      { findings: {}, needs: null },
      { findings: {}, meeting: { ...meeting, chair: 'Ông A' } },
    ]) {
      expect([data, (await officer.post(`/tasks/${assessment.id}/complete`, { data })).status]).toEqual([data, 400]);
    }
    expect((await officer.post(`/tasks/${assessment.id}/complete`, { data: { findings: {}, needs: 'Đi học lại, hỗ trợ sinh kế', meeting } })).status).toBe(200);
    const drafting = await inboxTask(desk, AGENCY.communeA, caseId, 'open.procedure.planDrafting');
    const measures = [{ measure: 'Đưa em trở lại lớp 8', responsible: 'Trường THCS Bình Lư', by: '2026-03-20' }];
    const noDeadline = await officer.post(`/tasks/${drafting.id}/complete`, { data: { goals: 'Em an toàn và đi học', measures: [{ measure: 'Đi học', responsible: 'Trường' }] } });
    expect(noDeadline.status).toBe(400);
    const tooMany = Array.from({ length: 51 }, () => measures[0]);
    for (const data of [{ measures: measures[0] }, { measures: tooMany }, { measures: [[measures[0]]] }]) {
      expect((await officer.post(`/tasks/${drafting.id}/complete`, { data })).status).toBe(400);
    }
    expect((await officer.post(`/tasks/${drafting.id}/complete`, { data: { goals: 'Em an toàn và đi học', measures } })).status).toBe(200);
    await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.planApproval', { decisionNumber: '15/QĐ-UBND', decidedOn: '2026-03-06' });

    const file = (await desk.of(AGENCY.communeA).get(`/cases/${caseId}`)).body;
    const payload = (type: string) => file.history.find((entry: any) => entry.type === type).payload;
    expect(payload('VERIFICATION_COMPLETED')).toMatchObject({ notes: 'Gặp em tại nhà mẹ' });
    expect(payload('ASSESSMENT_COMPLETED')).toMatchObject({ needs: 'Đi học lại, hỗ trợ sinh kế', meeting });
    expect(payload('PLAN_DRAFTED')).toMatchObject({ goals: 'Em an toàn và đi học', measures });
    expect(payload('PLAN_APPROVED')).toMatchObject({ decisionNumber: '15/QĐ-UBND', decidedOn: '2026-03-06' });
    // The police see their own referral's history, not the family's meeting.
    const police = (await desk.of(AGENCY.policeA).get(`/cases/${caseId}`)).body;
    expect(police.history.map((entry: any) => entry.type)).not.toContain('ASSESSMENT_COMPLETED');
    expect(JSON.stringify(police)).not.toContain('vay vốn');
    expect(JSON.stringify(police)).not.toContain('nhà mẹ');
  });

  it('keeps how an anonymous caller knows the child, and where the child is now for those who must find her', async () => {
    const caseId = (
      await openCase(desk, {
        reporter: { anonymous: true, name: 'Should vanish', phone: '0912345678', relationship: 'hàng xóm' },
        whereNow: 'Một quán karaoke ở tỉnh Bắc Ninh',
        takenBy: 'Một người phụ nữ lạ, tự xưng là cô ruột',
      })
    ).id;
    const whole = (await desk.of(AGENCY.communeA).get(`/cases/${caseId}`)).body.intake;
    expect(whole.reporter).toEqual({ anonymous: true, consent: false, name: null, phone: null, relationship: 'hàng xóm' });
    expect(whole).toMatchObject({ whereNow: 'Một quán karaoke ở tỉnh Bắc Ninh', takenBy: 'Một người phụ nữ lạ, tự xưng là cô ruột' });
    const police = (await desk.of(AGENCY.policeA).get(`/cases/${caseId}`)).body.intake;
    expect(police).toMatchObject({ whereNow: 'Một quán karaoke ở tỉnh Bắc Ninh', takenBy: 'Một người phụ nữ lạ, tự xưng là cô ruột' });
    expect((await desk.operator.post('/cases', { ...traffickingReport(), whereNow: 'x'.repeat(501) })).status).toBe(400);
  });

  it('closes an unfounded report at verification, and can reopen it', async () => {
    const caseId = (await openCase(desk, { signs: {}, work: undefined, reporter: { anonymous: true } })).id;
    await completeStep(desk, AGENCY.hotline, caseId, 'open.procedure.intake');
    const closed = await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.verification', { founded: false, emergency: false });

    expect(closed.status).toBe('closed');
    expect(closed.waitingFor).toEqual([]);
    expect(closed.intake.reporter).toEqual({ anonymous: true, consent: false, name: null, phone: null, relationship: null });
    expect(closed.allowedEvents).toEqual([{ type: 'REOPENED' }]);

    const reopened = await desk.of(AGENCY.communeA).post(`/cases/${caseId}/events`, { type: 'REOPENED', data: { reason: 'A second call about the same child' } });
    expect(reopened.status).toBe(201);
    expect(reopened.body.status).toBe('verification');
    expect(reopened.body.closedAt).toBeNull();
    // Reopening starts the 12-hour clock again.
    expect(new Date(reopened.body.waitingFor[0].dueAt).getTime()).toBe(testApp.clock.now().getTime() + 12 * 3_600_000);
  });

  it('sends a declined referral back to the lead agency, which reassigns it', async () => {
    const caseId = await caseInSupport(desk, { outOfSchool: true });
    const pending = await inboxTask(desk, AGENCY.schoolA, caseId, 'open.education.pending');

    const teacher = desk.of(AGENCY.schoolA);
    const noReason = await teacher.post(`/tasks/${pending.id}/decline`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('INVALID_INPUT');

    testApp.clock.advanceHours(5);
    const declined = await teacher.post(`/tasks/${pending.id}/decline`, { reason: 'The child lives outside our catchment area' });
    expect(declined.status).toBe(200);
    expect(declined.body.referrals.education.declines).toEqual([
      { reason: 'The child lives outside our catchment area', at: testApp.clock.now().toISOString(), agencyId: AGENCY.schoolA },
    ]);

    const reassign = await inboxTask(desk, AGENCY.lead, caseId, 'open.education.declined');
    expect(reassign).toMatchObject({ action: 'reassign_referral', role: 'coordinator' });
    // Still due when the first acceptance was: the referral does not get a fresh clock by being declined.
    expect(reassign.dueAt).toBe(pending.dueAt);

    const reassigned = await desk.of(AGENCY.lead, 'coordinator').post(`/tasks/${reassign.id}/complete`, { data: { agencyId: AGENCY.education } });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.states.map((s: any) => s.path)).toContain('open.education.pending');
    const accepted = await acceptReferral(desk, AGENCY.education, caseId, 'education');
    expect(accepted.states.map((s: any) => s.path)).toContain('open.education.inProgress');
  });

  it('refuses an event the current step does not accept with 422, naming the accepted ones, and changes nothing', async () => {
    const caseId = (await openCase(desk)).id;
    await completeStep(desk, AGENCY.hotline, caseId, 'open.procedure.intake');
    const officer = desk.of(AGENCY.communeA);
    const before = await officer.get(`/cases/${caseId}`);

    const refused = await officer.post(`/cases/${caseId}/events`, { type: 'CLOSURE_PROPOSED', data: { reason: 'too early' } });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('EVENT_NOT_ALLOWED');
    // The police, told of the crime report at intake, may already accept or decline it.
    expect(refused.body.details.allowedEvents).toEqual([
      { type: 'VERIFICATION_COMPLETED' },
      { type: 'REFERRAL_ACCEPTED', referrals: ['police'] },
      { type: 'REFERRAL_DECLINED', referrals: ['police'] },
    ]);
    expect(refused.body.message.en).toContain('VERIFICATION_COMPLETED');
    expect(refused.body.message.vi).toContain('VERIFICATION_COMPLETED');

    // A step's own event is sent by doing its task, not posted to the case.
    const bypass = await officer.post(`/cases/${caseId}/events`, { type: 'VERIFICATION_COMPLETED', data: { founded: false, emergency: false } });
    expect(bypass.status).toBe(422);
    expect(bypass.body.code).toBe('ACTION_NOT_ALLOWED');

    const after = await officer.get(`/cases/${caseId}`);
    expect(after.body).toEqual(before.body);
  });

  it('lets exactly one of 20 concurrent accepts of one task succeed', async () => {
    const caseId = await caseInSupport(desk);
    const task = await inboxTask(desk, AGENCY.policeA, caseId, 'open.police.pending');

    const officers = [desk.as('binhlu.police'), desk.as('binhlu.police.chief')];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => officers[i % 2].post(`/tasks/${task.id}/accept`, {})));

    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const losers = answers.filter((a) => a.status !== 200);
    expect(losers).toHaveLength(19);
    expect(losers.every((a) => a.status === 409 && a.body.code === 'TASK_CLOSED')).toBe(true);
    const view = await desk.of(AGENCY.communeA).get(`/cases/${caseId}`);
    expect(view.body.history.filter((h: any) => h.type === 'REFERRAL_ACCEPTED')).toHaveLength(1);
  });

  it('answers 409 and changes nothing when the client decided on an older version', async () => {
    const caseId = (await openCase(desk)).id;
    const task = await inboxTask(desk, AGENCY.hotline, caseId, 'open.procedure.intake');
    const stale = await desk.operator.post(`/tasks/${task.id}/complete`, { expectedVersion: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 1 } });
    expect((await desk.operator.get(`/cases/${caseId}`)).body.status).toBe('intake');
    const fresh = await desk.operator.post(`/tasks/${task.id}/complete`, { expectedVersion: 1 });
    expect(fresh.status).toBe(200);
  });

  it('keeps a claimed task for the officer who claimed it', async () => {
    const caseId = await caseInSupport(desk);
    const task = await inboxTask(desk, AGENCY.policeA, caseId, 'open.police.pending');
    const officer = desk.as('binhlu.police');
    const chief = desk.as('binhlu.police.chief');
    expect((await officer.post(`/tasks/${task.id}/claim`, {})).body.assignee).toBe('binhlu.police');
    const taken = await chief.post(`/tasks/${task.id}/claim`, {});
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('TASK_CLAIMED');
    expect((await chief.post(`/tasks/${task.id}/accept`, {})).status).toBe(409);
    expect((await officer.post(`/tasks/${task.id}/accept`, {})).status).toBe(200);
  });

  it('lets a claim be given back by the officer who made it, or taken back by the supervisor, never by another officer', async () => {
    const caseId = await caseInSupport(desk);
    const task = await inboxTask(desk, AGENCY.policeA, caseId, 'open.police.pending');
    const officer = desk.as('binhlu.police');
    const chief = desk.as('binhlu.police.chief');
    expect((await officer.post(`/tasks/${task.id}/release`, {})).body.code).toBe('CONFLICT');
    await officer.post(`/tasks/${task.id}/claim`, {});
    const given = await officer.post(`/tasks/${task.id}/release`, {});
    expect(given.status).toBe(200);
    expect(given.body.assignee).toBeNull();

    await officer.post(`/tasks/${task.id}/claim`, {});
    expect((await desk.as('binhlu.school').post(`/tasks/${task.id}/release`, {})).status).toBe(404);
    const taken = await chief.post(`/tasks/${task.id}/release`, {});
    expect(taken.status).toBe(200);
    expect((await chief.post(`/tasks/${task.id}/accept`, {})).status).toBe(200);
    expect((await officer.post(`/tasks/${task.id}/release`, {})).body.code).toBe('TASK_CLOSED');
    const lines = await testApp.query(`SELECT actor_id FROM audit_log WHERE action = 'task.release' AND subject_id = ?`, [task.id]);
    expect(lines).toHaveLength(2);
  });

  it('shows in the next read of a case every change to its tasks since the last, whoever made it', async () => {
    const caseId = await caseInSupport(desk);
    const task = await inboxTask(desk, AGENCY.policeA, caseId, 'open.police.pending');
    const officer = desk.as('binhlu.police');
    const policeTask = async () => (await officer.get(`/cases/${caseId}`)).body.tasks.find((t: any) => t.id === task.id);
    expect((await policeTask()).assignee).toBeNull();
    await officer.post(`/tasks/${task.id}/claim`, {});
    expect((await policeTask()).assignee).toBe('binhlu.police');
    await officer.post(`/tasks/${task.id}/release`, {});
    expect((await policeTask()).assignee).toBeNull();
    // A change this process did not make (another instance, an operator's repair) shows all the same:
    // on SQLite within a second, on PostgreSQL once the database's wake-up for it arrives.
    await outsideQuery(testApp, `UPDATE tasks SET assignee = 'binhlu.police.chief' WHERE id = ?`, [task.id]);
    const seen = await eventually(policeTask, (t) => t.assignee === 'binhlu.police.chief', 3000);
    expect(seen.assignee).toBe('binhlu.police.chief');
    await expect(testApp.query('DELETE FROM tasks WHERE id = ?', [task.id])).rejects.toThrow(/never deleted/);
    expect(await policeTask()).toBeDefined();
  });

  onPostgres('shows changes made while its wake-ups were cut or frozen, without being asked again', async () => {
    const caseId = await caseInSupport(desk);
    const task = await inboxTask(desk, AGENCY.policeA, caseId, 'open.police.pending');
    const officer = desk.as('binhlu.police');
    const assignee = async () => (await officer.get(`/cases/${caseId}`)).body.tasks.find((t: any) => t.id === task.id).assignee;
    const wakeUps = testApp.app.get(DatabaseNotifications);
    const listener = async (): Promise<number> =>
      (await testApp.query(`SELECT pid FROM pg_stat_activity WHERE application_name = ? AND datname = current_database()`, [WAKE_UPS_APPLICATION]))[0]?.pid;
    const listening = (expected: boolean) => eventually(async () => wakeUps.listening && (await listener()) !== undefined, (now) => now === expected, 5000);
    expect(await assignee()).toBeNull();

    // The listening connection ends (the server restarted it): the wake-up of a change made then is lost.
    await testApp.query('SELECT pg_terminate_backend(?)', [await listener()]);
    expect(await listening(false)).toBe(false);
    await outsideQuery(testApp, `UPDATE tasks SET assignee = 'binhlu.police.chief' WHERE id = ?`, [task.id]);
    expect(await listening(true)).toBe(true);
    // Nothing was read meanwhile: the case kept from before is not trusted once the instance listens again.
    expect(await assignee()).toBe('binhlu.police.chief');

    // The listening connection freezes without closing: wake-ups go unheard until it is found not answering.
    const frozen = await listener();
    process.kill(frozen, 'SIGSTOP');
    try {
      await outsideQuery(testApp, `UPDATE tasks SET assignee = 'binhlu.police' WHERE id = ?`, [task.id]);
      expect(await eventually(assignee, (name) => name === 'binhlu.police', 8000)).toBe('binhlu.police');
    } finally {
      process.kill(frozen, 'SIGCONT');
    }
  });

  it('shows in the next read of a case a step falling overdue and an agency renamed, with nothing else written', async () => {
    const caseId = await caseInSupport(desk);
    const task = await inboxTask(desk, AGENCY.policeA, caseId, 'open.police.pending');
    const officer = desk.as('binhlu.police');
    const policeTask = async () => (await officer.get(`/cases/${caseId}`)).body.tasks.find((t: any) => t.id === task.id);
    const before = await policeTask();
    const start = testApp.clock.now();
    try {
      // Half a minute before the step is due, then half a minute after.
      testApp.clock.set(new Date(Date.parse(before.dueAt) - 30_000));
      expect(await policeTask()).toEqual({ ...before, overdue: false });
      testApp.clock.set(new Date(Date.parse(before.dueAt) + 30_000));
      expect(await policeTask()).toEqual({ ...before, overdue: true });
    } finally {
      testApp.clock.set(start);
    }
    const admin = desk.as('admin');
    const named = (await admin.get(`/agencies/${AGENCY.policeA}`)).body.nameEn;
    try {
      expect((await admin.patch(`/agencies/${AGENCY.policeA}`, { nameEn: 'Bình Lư commune police station' })).status).toBe(200);
      expect((await policeTask()).agencyName.en).toBe('Bình Lư commune police station');
    } finally {
      await admin.patch(`/agencies/${AGENCY.policeA}`, { nameEn: named });
    }
  });

  it('stores for every case a state that replaying its history gives again', async () => {
    const cases = await testApp.dataSource.getRepository(CaseRecord).find();
    expect(cases.length).toBeGreaterThanOrEqual(5);
    for (const record of cases) {
      const history = await testApp.dataSource.getRepository(CaseEventRecord).find({ where: { caseId: record.id }, order: { seq: 'ASC' } });
      expect(history[0].type).toBe('CASE_OPENED');
      const replayed = replayCase(history);
      expect({ value: replayed.value, context: replayed.context }).toEqual(record.snapshot);
      expect(record.version).toBe(history.length);
    }
  });

  it('keeps the history append-only in the database itself', async () => {
    await expect(testApp.query(`UPDATE case_events SET actor = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(testApp.query('DELETE FROM case_events')).rejects.toThrow(/append-only/);
  });

  it('never leaves two open tasks for one step of a case', async () => {
    const rows: Array<{ n: number }> = await testApp.dataSource
      .getRepository(Task)
      .createQueryBuilder('t')
      .select('COUNT(*)', 'n')
      .where("t.status = 'open'")
      .groupBy('t.case_id, t.step')
      .getRawMany();
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
  });
});
