import { Api } from './support/api';
import { AGENCY, completeStep, Desk, inboxTask, openCase } from './support/demo';
import { startApp, TestApp } from './support/test-app';

describe('Due times counted the way the law counts them', () => {
  let testApp: TestApp;
  let desk: Desk;
  let admin: Api;

  beforeAll(async () => {
    testApp = await startApp();
    desk = new Desk(testApp.url);
    admin = desk.as('admin');
  });

  afterAll(() => testApp.close());

  /** Opens a report at a Vietnam local time given in UTC, and forwards it to the commune. */
  async function forwardedAt(utc: string): Promise<string> {
    testApp.clock.set(utc);
    // No sign of a crime, so that the commune's step is the case's only one.
    const caseId = (await openCase(desk, { signs: {}, work: undefined })).id;
    await completeStep(desk, AGENCY.hotline, caseId, 'open.procedure.intake');
    return caseId;
  }

  it('puts a 12-hour step received at 20:00 due at 08:00 the next day', async () => {
    const caseId = await forwardedAt('2026-03-02T13:00:00Z'); // 20:00 in Vietnam
    const task = await inboxTask(desk, AGENCY.communeA, caseId, 'open.procedure.verification');
    expect(task.dueAt).toBe('2026-03-03T01:00:00.000Z'); // 08:00 in Vietnam
  });

  it('counts 5 working days from Thursday 12 Feb 2026 past the Tết break, to the end of Thursday 26 Feb', async () => {
    const caseId = await forwardedAt('2026-02-12T02:00:00Z');
    await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.verification', { founded: true, emergency: false });
    const drafting = await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.specificAssessment', { findings: {} });
    expect(drafting.waitingFor.find((t: any) => t.step === 'open.procedure.planDrafting')).toMatchObject({ step: 'open.procedure.planDrafting', dueAt: '2026-02-26T17:00:00.000Z' });
  });

  it('counts Saturday 10 Jan 2026 as a working day', async () => {
    const caseId = await forwardedAt('2026-01-09T02:00:00Z'); // Friday
    const assessment = await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.verification', { founded: true, emergency: false });
    // 3 working days after Friday 9 Jan: Saturday 10, Monday 12, Tuesday 13.
    expect(assessment.waitingFor.find((t: any) => t.step === 'open.procedure.specificAssessment')).toMatchObject({ step: 'open.procedure.specificAssessment', dueAt: '2026-01-13T17:00:00.000Z' });
  });

  it('serves the calendar of a year without a published schedule, with Tết computed, and lets it be edited', async () => {
    const year = await desk.operator.get('/calendar/2027');
    expect(year.status).toBe(200);
    expect(year.body.published).toBe(false);
    const tet = year.body.days.filter((d: any) => d.nameEn === 'Lunar New Year (Tết)').map((d: any) => d.date);
    expect(tet).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']);
    expect(year.body.days.every((d: any) => d.source === 'computed')).toBe(true);

    // The government makes Friday 12 Feb 2027 a bridge day: a step due over it moves by a day.
    const caseId = await forwardedAt('2027-02-10T02:00:00Z'); // Wednesday, a computed day in lieu
    await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.verification', { founded: true, emergency: false });
    const before = await desk.of(AGENCY.communeA).get(`/cases/${caseId}`);
    // Working days after Wed 10 Feb 2027: (Thu 11 in lieu) Fri 12, Mon 15, Tue 16.
    expect(before.body.waitingFor[0].dueAt).toBe('2027-02-16T17:00:00.000Z');

    const set = await admin.put('/calendar/days/2027-02-12', { kind: 'day_off', nameVi: 'Nghỉ Tết bổ sung', nameEn: 'Extra Tết day' });
    expect(set.status).toBe(200);
    expect(set.body.days.find((d: any) => d.date === '2027-02-12')).toMatchObject({ kind: 'day_off', source: 'entered' });
    const later = await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.specificAssessment', { findings: {} });
    // Plan drafting from Wed 10 Feb: Mon 15, Tue 16, Wed 17, Thu 18, Fri 19.
    expect(later.waitingFor[0].dueAt).toBe('2027-02-19T17:00:00.000Z');

    const published = await admin.put('/calendar/2027', { published: true });
    expect(published.body).toMatchObject({ year: 2027, published: true, days: [{ date: '2027-02-12', source: 'entered' }] });
    expect((await admin.delete('/calendar/days/2027-02-12')).body.days).toEqual([]);
    expect((await admin.delete('/calendar/days/2027-02-12')).status).toBe(404);
  });

  it('refuses impossible calendar edits', async () => {
    expect((await admin.put('/calendar/days/2027-02-30', { kind: 'day_off', nameVi: 'x', nameEn: 'x' })).status).toBe(400);
    expect((await admin.put('/calendar/days/2027-02-11', { kind: 'holiday', nameVi: 'x', nameEn: 'x' })).status).toBe(400);
    expect((await admin.get('/calendar/1899')).status).toBe(400);
  });
});
