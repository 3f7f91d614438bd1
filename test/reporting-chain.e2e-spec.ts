import { DEMO_ACCOUNTS } from '../src/accounts/demo-accounts';
import { DEMO_AGENCIES } from '../src/agencies/agency-seed';
import { OverdueScanner } from '../src/alerts/overdue-scanner';
import { AGENCY, caseInSupport, completeStep, Desk, inboxTask, openCase } from './support/demo';
import { jsonValue, startApp, TestApp } from './support/test-app';

/** Lai Châu's chain as seeded: each commune's culture–society office leads, the Sở Y tế coordinates. */
describe('A province’s reporting chain', () => {
  let testApp: TestApp;
  let desk: Desk;

  beforeAll(async () => {
    testApp = await startApp();
    desk = new Desk(testApp.url);
  });

  afterAll(() => testApp.close());

  it('sends the steps of a commune without bodies of its own to the province’s coordinating body', async () => {
    // Xã Tả Lèng is in Lai Châu, and no agency of the demo sits there.
    const opened = await openCase(desk, { location: { provinceCode: '12', communeCode: '03405' } });
    await completeStep(desk, AGENCY.hotline, opened.id, 'open.procedure.intake');
    const verification = await inboxTask(desk, AGENCY.provinceHealth, opened.id, 'open.procedure.verification');
    expect(verification.communeCode).toBe('03405');
  });

  it('has a supervisor on every agency of the demo that can owe a step', () => {
    const supervised = new Set(DEMO_ACCOUNTS.filter((a) => a.roles.includes('supervisor')).map((a) => a.agencyId));
    const owing = DEMO_AGENCIES.filter((agency) => !['RESIDENTIAL_GROUP', 'MASS_ORGS', 'JUSTICE'].includes(agency.type));
    expect(owing.filter((agency) => !supervised.has(agency.id)).map((agency) => agency.nameEn)).toEqual([]);
  });

  it('escalates a late step up to the coordinating body, where a supervisor sees and acknowledges it', async () => {
    testApp.clock.set('2026-03-02T01:00:00Z');
    const opened = await openCase(desk);
    await completeStep(desk, AGENCY.hotline, opened.id, 'open.procedure.intake');
    // Verification is due 12 hours after receipt; the last rung comes when it is as late again.
    testApp.clock.advanceHours(25);
    await testApp.app.get(OverdueScanner).scan();

    const head = desk.as('laichau.health.head');
    const alerts = await head.get(`/alerts?agencyId=${AGENCY.provinceHealth}`);
    expect(alerts.status).toBe(200);
    const escalated = alerts.body.items.find((a: any) => a.caseNumber === opened.caseNumber);
    expect(escalated).toMatchObject({
      level: 'escalated',
      agencyId: AGENCY.communeA,
      leadAgencyId: AGENCY.lead,
      coordinatorAgencyId: AGENCY.provinceHealth,
      levelLabel: { vi: 'Báo cáo cơ quan điều phối cấp tỉnh', en: 'Escalated to the province’s coordinating body' },
    });
    expect((await head.post(`/alerts/${escalated.id}/acknowledge`)).status).toBe(200);
    // The coordinating body manages the province's cases: it reads this one whole, with no task of its own.
    expect((await head.get(`/cases/${opened.id}`)).body.packet).toBe('caseManager');
    // The labour inspectors, with no task in it, do not.
    expect((await desk.as('laichau.labour').get(`/cases/${opened.id}`)).status).toBe(404);
    const [mail] = await testApp.query(`SELECT recipients FROM outbox_messages WHERE id = ?`, [`alert:${escalated.taskId}:escalated`]);
    expect(jsonValue<string[]>(mail.recipients).sort()).toEqual(['agency-11@demo.invalid', 'agency-17@demo.invalid', 'agency-3@demo.invalid']);

    // Every alert of the demo reaches at least one agency where a supervisor can act on it.
    const supervised = new Set(DEMO_ACCOUNTS.filter((a) => a.roles.includes('supervisor')).map((a) => a.agencyId));
    const rows: Array<{ agency_id: string; lead_agency_id: string | null; coordinator_agency_id: string | null }> = await testApp.query(
      `SELECT agency_id, lead_agency_id, coordinator_agency_id FROM alerts`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => ![row.agency_id, row.lead_agency_id, row.coordinator_agency_id].some((id) => id && supervised.has(id)))).toEqual([]);
  });

  it('is data a province’s administrator sets: who leads in a commune, who coordinates', async () => {
    const admin = desk.as('admin');
    expect((await admin.get('/reporting-chains/12')).body).toMatchObject({
      provinceCode: '12',
      communeLeadTypes: ['CULTURE_SOCIAL', 'COMMUNE_PC'],
      coordinator: { id: AGENCY.provinceHealth },
      configured: true,
    });
    // Hà Nội has no chain of its own and no agency: the default, with nobody to coordinate yet.
    expect((await admin.get('/reporting-chains/01')).body).toMatchObject({ configured: false, coordinator: null });

    expect((await desk.as('binhlu.chair').put('/reporting-chains/12', { communeLeadTypes: ['COMMUNE_PC'], coordinatorAgencyId: null })).status).toBe(403);
    expect((await admin.put('/reporting-chains/99', { communeLeadTypes: ['COMMUNE_PC'], coordinatorAgencyId: null })).status).toBe(400);
    const commune = await admin.put('/reporting-chains/12', { communeLeadTypes: ['COMMUNE_PC'], coordinatorAgencyId: AGENCY.communeA });
    expect([commune.status, commune.body.details?.[0]?.field]).toEqual([400, 'coordinatorAgencyId']);
    expect((await admin.get('/reporting-chains/12')).body.communeLeadTypes).toEqual(['CULTURE_SOCIAL', 'COMMUNE_PC']);

    // The commune's people's committee leads from now on: a declined referral goes back to it.
    const set = await admin.put('/reporting-chains/12', { communeLeadTypes: ['COMMUNE_PC'], coordinatorAgencyId: AGENCY.provinceHealth });
    expect(set.status).toBe(200);
    const caseId = await caseInSupport(desk, { outOfSchool: true });
    const pending = await inboxTask(desk, AGENCY.schoolA, caseId, 'open.education.pending');
    expect((await desk.of(AGENCY.schoolA).post(`/tasks/${pending.id}/decline`, { reason: 'Outside our catchment area' })).status).toBe(200);
    expect((await inboxTask(desk, AGENCY.communeA, caseId, 'open.education.declined')).agencyId).toBe(AGENCY.communeA);
  });
});
