import { CellValue, ValueType, Workbook } from 'exceljs';
import { EntityManager } from 'typeorm';
import { acceptReferral, AGENCY, completeStep, DEMO_COMMUNE_A, DEMO_COMMUNE_B, Desk, openCase, traffickingReport } from './support/demo';
import { jsonValue, startApp, TestApp } from './support/test-app';
import { CaseFactsBackfill } from '../src/cases/case-facts-backfill';
import { ReportDeadlines } from '../src/reports/report-deadlines';
import { CaseFactsRepository } from '../src/cases/case-facts.repository';
import { UnitOfWork } from '../src/common/unit-of-work';
import { computeIndicators } from '../workflows/indicators';
import { reportingPeriod } from '../workflows/reporting-periods';

/** Vietnam time, as the fixture's officers read their clocks. */
const local = (at: string) => new Date(`${at}+07:00`).toISOString();

/** Boys of nine at risk, each another child (else the intake would ask whether he was reported already). */
const AT_RISK_NAMES = ['K.', 'Páo', 'Sử', 'Chư', 'Dế', 'Tủa', 'Lử', 'Dơ'];
let atRisk = 0;
const AT_RISK = (overrides: Record<string, unknown> = {}) =>
  traffickingReport({
    channel: 'school',
    signs: {},
    work: undefined,
    child: { name: `Lù Văn ${AT_RISK_NAMES[atRisk++ % AT_RISK_NAMES.length]}`, estimatedAgeYears: 9, sex: 'male', ethnicity: 'Dao' },
    ...overrides,
  });

const total = (report: any, id: string) => report.indicators.find((i: any) => i.id === id).total;
const cells = (report: any, id: string, breakdown: string) =>
  Object.fromEntries(report.indicators.find((i: any) => i.id === id).breakdowns.find((b: any) => b.id === breakdown).cells.map((c: any) => [c.value, c.figure]));
const count = (n: number) => ({ numerator: n, suppressed: false });
const share = (n: number, d: number) => ({ numerator: n, denominator: d, suppressed: false });

describe('Periodic reports: indicators from the cases, frozen when submitted, consolidated by the province', () => {
  let testApp: TestApp;
  let desk: Desk;
  const communeA = `/reports/commune/${DEMO_COMMUNE_A}`;
  const communeB = `/reports/commune/${DEMO_COMMUNE_B}`;
  const province = '/reports/province/12';
  const leadA = () => desk.as('binhlu.culture.head');
  const leadB = () => desk.as('doanket.culture.head');
  const coordinator = () => desk.as('laichau.health.head');
  const ids: Record<string, string> = {};

  async function download(path: string, as = leadA()): Promise<{ status: number; type: string | null; body: Buffer }> {
    await as.get('/auth/me');
    const response = await fetch(`${testApp.url}${path}`, { headers: { authorization: `Bearer ${as.accessToken}` } });
    return { status: response.status, type: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer()) };
  }

  beforeAll(async () => {
    testApp = await startApp();
    desk = new Desk(testApp.url);

    // A1: a trafficking report on Monday 2 March, verified within 4 hours; the girl goes back to school.
    testApp.clock.set(local('2026-03-02T08:00:00'));
    ids.a1 = (await openCase(desk)).id;
    await completeStep(desk, AGENCY.hotline, ids.a1, 'open.procedure.intake');
    testApp.clock.advanceHours(4);
    await completeStep(desk, AGENCY.communeA, ids.a1, 'open.procedure.verification', { founded: true, emergency: false, findings: { traffickingSigns: true, outOfSchool: true } });
    await completeStep(desk, AGENCY.communeA, ids.a1, 'open.procedure.specificAssessment', { findings: {} });
    await completeStep(desk, AGENCY.communeA, ids.a1, 'open.procedure.planDrafting', {});
    await completeStep(desk, AGENCY.communeA, ids.a1, 'open.procedure.planApproval');
    await acceptReferral(desk, AGENCY.schoolA, ids.a1, 'education');
    testApp.clock.advanceHours(48);
    await completeStep(desk, AGENCY.schoolA, ids.a1, 'open.education.inProgress', { outcome: 'Back in grade 8', result: 'returned_to_school' });

    // A3: a school's report on 1 April, verified 14 hours later: late.
    testApp.clock.set(local('2026-04-01T09:00:00'));
    ids.a3 = (await openCase(desk, AT_RISK())).id;
    await completeStep(desk, AGENCY.hotline, ids.a3, 'open.procedure.intake');
    testApp.clock.advanceHours(14);
    await completeStep(desk, AGENCY.communeA, ids.a3, 'open.procedure.verification', { founded: true, emergency: false, findings: {} });

    // B1: a report from the other commune, never verified.
    testApp.clock.set(local('2026-05-05T10:00:00'));
    ids.b1 = (await openCase(desk, AT_RISK({ location: { provinceCode: '12', communeCode: DEMO_COMMUNE_B } }))).id;
  });

  afterAll(() => testApp.close());

  it('gives the commune its golden figures for the first half of 2026, every breakdown included', async () => {
    testApp.clock.set(local('2026-06-09T09:00:00'));
    const report = (await leadA().get(`${communeA}/2026-H1`)).body;
    expect(report).toMatchObject({
      status: 'draft',
      period: { id: '2026-H1', firstDay: '2025-12-15', lastDay: '2026-06-14' },
      unit: { level: 'commune', code: DEMO_COMMUNE_A },
      agency: { id: AGENCY.lead },
      suppressed: false,
      dueAt: local('2026-06-16T00:00:00'),
      overdue: false,
    });
    expect(total(report, 'children_reported')).toEqual(count(2));
    expect(cells(report, 'children_reported', 'sex')).toEqual({ female: count(1), male: count(1) });
    expect(cells(report, 'children_reported', 'ageBand')).toEqual({ '12-14': count(1), '5-11': count(1) });
    expect(cells(report, 'children_reported', 'ethnicity')).toEqual({ Thái: count(1), Dao: count(1) });
    expect(cells(report, 'children_reported', 'commune')).toEqual({ [DEMO_COMMUNE_A]: count(2) });
    expect(cells(report, 'reports_by_channel', 'channel')).toEqual({ hotline_111: count(1), school: count(1) });
    expect(total(report, 'verified_within_12h')).toEqual(share(1, 2));
    expect(cells(report, 'verified_within_12h', 'sex')).toEqual({ female: share(1, 1), male: share(0, 1) });
    expect(total(report, 'unlawful_child_labour')).toEqual(count(1));
    expect(total(report, 'trafficking_cases')).toEqual(count(1));
    expect(total(report, 'police_told_at_once')).toEqual(share(1, 1));
    expect(cells(report, 'children_supported', 'support')).toEqual({ education: count(1) });
    expect(total(report, 'supported_in_time')).toEqual(share(1, 1));
    expect(total(report, 'back_in_school')).toEqual(share(1, 1));
    expect(cells(report, 'referrals_opened', 'referral')).toEqual({ police: count(1), education: count(1) });
    expect(cells(report, 'referrals_accepted', 'referral')).toEqual({ education: count(1) });
    expect(total(report, 'referrals_declined')).toEqual(count(0));
    // The police's 24-hour acknowledgement of A1 was never given: overdue since 3 March.
    expect(cells(report, 'referrals_overdue', 'referral')).toEqual({ police: count(1) });
    expect(total(report, 'under_follow_up')).toEqual(count(1));
    expect(total(report, 'closures_by_reason')).toEqual(count(0));
    expect(cells(report, 'children_reported', 'commune')[DEMO_COMMUNE_A]).toEqual(count(2));
    const labels = report.indicators.find((i: any) => i.id === 'reports_by_channel').breakdowns.find((b: any) => b.id === 'channel');
    expect(labels.label.vi).toBe('Kênh tiếp nhận');
    expect(labels.cells.find((c: any) => c.value === 'school').label.vi).toBe('Nhà trường');
  });

  it('lets only the commune’s own lead body enter figures by hand, within bounds, and records who did', async () => {
    const path = `${communeA}/2026-H1/manual/awareness_children_reached`;
    expect((await desk.as('binhlu.officer').put(path, { value: 120 })).status).toBe(403);
    expect((await leadA().put(path, { value: -1 })).status).toBe(400);
    expect((await leadA().put(path, { value: 120, note: 'x' })).status).toBe(400);
    expect((await leadA().put(`${communeA}/2026-H1/manual/child_labour_rate_survey`, { value: 140 })).status).toBe(400);
    expect((await leadA().put(`${communeA}/2026-H1/manual/no_such_indicator`, { value: 1 })).status).toBe(404);
    const entered = await desk.as('binhlu.culture').put(path, { value: 120 });
    expect(entered.status).toBe(200);
    expect(entered.body.manual.find((m: any) => m.id === 'awareness_children_reached')).toMatchObject({ value: 120, enteredBy: 'binhlu.culture' });
    expect(entered.body.manual.find((m: any) => m.id === 'officials_trained')).toMatchObject({ value: null });
  });

  it('refuses what is malformed, unknown or not the caller’s, and changes nothing', async () => {
    expect((await leadA().get(`${communeA}/2026-H3`)).status).toBe(400);
    expect((await leadA().get(`/reports/district/${DEMO_COMMUNE_A}/2026-H1`)).status).toBe(400);
    expect((await leadA().get('/reports/commune/99999/2026-H1')).status).toBe(404);
    expect((await leadA().get(`/reports/commune/12/2026-H1`)).status).toBe(404);
    expect((await desk.operator.get(`${communeA}/2026-H1`)).status).toBe(403);
    expect((await leadB().get(`${communeA}/2026-H1`)).status).toBe(403);
    expect((await desk.as('binhlu.culture.head').post(`${communeA}/2026-H1/submit`, { source: 'consolidated' })).status).toBe(400);
    expect((await desk.as('binhlu.culture.head').post(`${communeA}/2026-H1/submit`, { hash: 'x' })).status).toBe(400);
    expect((await coordinator().post(`${communeA}/2026-H1/submit`, {})).status).toBe(403);
    expect((await coordinator().post(`${communeA}/2026-H1/receive`)).status).toBe(409);
    // A period that has not begun cannot be reported on, nor frozen empty ahead of time.
    const early = await leadA().post(`${communeA}/2027-Y/submit`, {});
    expect([early.status, early.body.code]).toEqual([409, 'CONFLICT']);
    expect(await testApp.query('SELECT COUNT(*) AS n FROM reports')).toEqual([{ n: 0 }]);
  });

  it('freezes a submitted report: its figures and workbook are hashed into the audit chain, and later events leave it as it was', async () => {
    const submitted = await leadA().post(`${communeA}/2026-H1/submit`, {});
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedBy: 'binhlu.culture.head', source: 'cases' });
    expect(submitted.body.figuresHash).toMatch(/^[0-9a-f]{64}$/);
    const [line] = await testApp.query(`SELECT actor_id, detail FROM audit_log WHERE action = 'report.submit'`);
    expect(jsonValue(line.detail)).toMatchObject({ figuresHash: submitted.body.figuresHash, workbookHash: submitted.body.workbookHash });
    expect((await leadA().post(`${communeA}/2026-H1/submit`, {})).status).toBe(409);
    expect((await leadA().put(`${communeA}/2026-H1/manual/officials_trained`, { value: 3 })).status).toBe(409);
    expect((await leadB().post(`${communeB}/2026-H1/submit`, {})).status).toBe(201);

    // A4: reported on 12 June, inside the period, after the commune reported it.
    testApp.clock.set(local('2026-06-12T10:00:00'));
    ids.a4 = (await openCase(desk, AT_RISK())).id;
    const frozen = (await leadA().get(`${communeA}/2026-H1`)).body;
    expect(frozen.status).toBe('submitted');
    expect(total(frozen, 'children_reported')).toEqual(count(2));
    expect(frozen.manual.find((m: any) => m.id === 'awareness_children_reached').value).toBe(120);
    const live = (await coordinator().get(`${province}/2026-H1`)).body;
    expect(live.status).toBe('draft');
    expect(live.suppressed).toBe(true);
  });

  it('counts a case reported late on the 14th in the next period’s 12-hour figure, as its clock runs out there', async () => {
    // A2: reported at 20:00 on 14 June, the last day of the half year; verified at 05:00 on the 15th.
    testApp.clock.set(local('2026-06-14T20:00:00'));
    ids.a2 = (await openCase(desk, AT_RISK())).id;
    await completeStep(desk, AGENCY.hotline, ids.a2, 'open.procedure.intake');
    testApp.clock.set(local('2026-06-15T05:00:00'));
    await completeStep(desk, AGENCY.communeA, ids.a2, 'open.procedure.verification', { founded: false, emergency: false, findings: {} });

    const year = (await leadA().get(`${communeA}/2026-Y`)).body;
    expect(total(year, 'children_reported')).toEqual(count(4));
    // A1 in time, A3 late, A4 never verified, A2 in time.
    expect(total(year, 'verified_within_12h')).toEqual(share(2, 4));
    // The province's live half year: A1, A3, A4, A2 and B1 reported; A2's clock ran out in the next period.
    const live = (await coordinator().get(`${province}/2026-H1`)).body;
    expect(total(live, 'children_reported')).toEqual(count(5));
    const period = reportingPeriod('2026-H1')!;
    const window = { from: period.from.getTime(), to: period.to.getTime() };
    const facts = await testApp.app.get(UnitOfWork).read((manager) => testApp.app.get(CaseFactsRepository).forWindow(manager, { provinceCode: '12' }, window));
    const verified = computeIndicators(facts, window).find((i) => i.id === 'verified_within_12h')!;
    expect(verified.total).toEqual({ numerator: 1, denominator: 4 });
  });

  it('hides small cells from everyone outside the commune, and a cell that would give one back', async () => {
    const seen = (await coordinator().get(`${communeA}/2026-H1`)).body;
    expect(seen.suppressed).toBe(true);
    expect(total(seen, 'children_reported')).toEqual({ numerator: null, suppressed: true });
    expect(total(seen, 'referrals_declined')).toEqual({ numerator: 0, suppressed: false });
    expect(cells(seen, 'children_reported', 'sex')).toEqual({ female: { numerator: null, suppressed: true }, male: { numerator: null, suppressed: true } });
  });

  it('consolidates the province from its communes’ submitted reports: the sum, cell by cell', async () => {
    const status = await coordinator().get(`${province}/2026-H1/communes`);
    expect(status.status).toBe(200);
    expect(status.body.communes.map((c: any) => [c.communeCode, c.status])).toEqual([
      [DEMO_COMMUNE_B, 'submitted'],
      [DEMO_COMMUNE_A, 'submitted'],
    ]);
    expect((await leadA().get(`${province}/2026-H1/communes`)).status).toBe(403);
    const consolidated = await coordinator().post(`${province}/2026-H1/submit`, { source: 'consolidated' });
    expect(consolidated.status).toBe(201);
    expect(consolidated.body.consolidatedCommunes).toEqual([DEMO_COMMUNE_B, DEMO_COMMUNE_A]);

    const rows = await testApp.query(`SELECT unit_level, unit_code, figures FROM reports WHERE period_id = '2026-H1'`);
    const figures = (level: string, code: string) => jsonValue(rows.find((r: any) => r.unit_level === level && r.unit_code === code).figures);
    const [a, b, sum] = [figures('commune', DEMO_COMMUNE_A), figures('commune', DEMO_COMMUNE_B), figures('province', '12')];
    for (const indicator of sum.indicators) {
      const parts = [a, b].map((r) => r.indicators.find((i: any) => i.id === indicator.id));
      expect(indicator.total.numerator).toBe(parts[0].total.numerator + parts[1].total.numerator);
      for (const [breakdown, values] of Object.entries<Record<string, any>>(indicator.breakdowns)) {
        for (const [value, cell] of Object.entries<any>(values)) {
          expect(cell.numerator).toBe(parts.reduce((n, p) => n + (p.breakdowns[breakdown][value]?.numerator ?? 0), 0));
        }
      }
    }
    expect(sum.indicators.find((i: any) => i.id === 'children_reported').total.numerator).toBe(3);
    expect(sum.manual).toEqual([expect.objectContaining({ indicatorId: 'awareness_children_reached', value: 120 })]);
  });

  it('lets the province receive a commune’s report once, and no one else', async () => {
    expect((await leadA().post(`${communeA}/2026-H1/receive`)).status).toBe(403);
    const received = await coordinator().post(`${communeA}/2026-H1/receive`);
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ status: 'received', receivedBy: 'laichau.health.head' });
    expect((await coordinator().post(`${communeA}/2026-H1/receive`)).status).toBe(409);
  });

  it('exports a workbook with Vietnamese headers, one sheet per indicator, no name, and no formula a hostile text could plant', async () => {
    testApp.clock.set(local('2026-07-01T09:00:00'));
    await openCase(desk, AT_RISK({ child: { name: 'Nguyễn Văn Q.', estimatedAgeYears: 12, sex: 'male', ethnicity: '=HYPERLINK("http://evil.example","x")' } }));
    await openCase(desk, AT_RISK({ child: { name: 'Trần Thị R.', estimatedAgeYears: 16, sex: 'female', ethnicity: '@SUM(A1:A9)' } }));
    const file = await download(`${communeA}/2026-Y/file`);
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    const workbook = new Workbook();
    await workbook.xlsx.load(file.body);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', ...workbook.worksheets.slice(1).map((w, i) => `${String(i + 1).padStart(2, '0')} ${w.name.slice(3)}`)]);
    expect(workbook.worksheets).toHaveLength(1 + 15);
    const texts: CellValue[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
      expect(cell.type).not.toBe(ValueType.Formula);
      texts.push(cell.value);
    })));
    expect(texts).toEqual(expect.arrayContaining(['Phân tổ', 'Giá trị', 'Số lượng', 'Số đạt', 'Tổng số', 'Dân tộc', 'Giới tính']));
    expect(texts).toContain(`'=HYPERLINK("http://evil.example","x")`);
    expect(texts).toContain(`'@SUM(A1:A9)`);
    expect(texts.some((t) => typeof t === 'string' && /^[=+\-@]/.test(t))).toBe(false);
    expect(texts.join(' ')).not.toMatch(/Nguyễn Văn Q|Trần Thị R|Lò Thị M/);
    const reported = workbook.worksheets.find((w) => w.name.endsWith('children_reported'))!;
    const byEthnicity = reported.getSheetValues().filter((row: any) => row && row[1] === 'Dân tộc').map((row: any) => [row[2], row[3]]);
    expect(byEthnicity).toEqual(expect.arrayContaining([['Dao', 3], [`'@SUM(A1:A9)`, 1]]));

    const csv = await download(`${communeA}/2026-Y/file?format=csv`);
    expect(csv.type).toContain('text/csv');
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.body.toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(text.split('\r\n').every((line) => !/(^|,)[=+\-@]/.test(line))).toBe(true);
    expect((await download(`${communeA}/2026-Y/file?format=pdf`)).status).toBe(400);
  });

  it('gives the level above the very workbook that was sent up, small cells hidden', async () => {
    const file = await download(`${communeA}/2026-H1/file`, coordinator());
    const [stored] = await testApp.query(`SELECT workbook, workbook_hash FROM reports WHERE unit_code = ? AND period_id = '2026-H1'`, [DEMO_COMMUNE_A]);
    expect(file.body.equals(Buffer.from(stored.workbook, 'base64'))).toBe(true);
    const workbook = new Workbook();
    await workbook.xlsx.load(file.body);
    const reported = workbook.worksheets.find((w) => w.name.endsWith('children_reported'))!;
    expect(reported.getSheetValues().find((row: any) => row && row[1] === 'Tổng số')).toEqual([undefined, 'Tổng số', '', '<5']);
  });

  it('shows a commune that has not reported by the due date as late to the province', async () => {
    testApp.clock.set(local('2026-12-11T09:00:00'));
    expect((await leadA().post(`${communeA}/2026-Y/submit`, {})).status).toBe(201);
    const status = (await coordinator().get(`${province}/2026-Y/communes`)).body;
    expect(status.communes.map((c: any) => [c.communeCode, c.status, c.overdue])).toEqual([
      [DEMO_COMMUNE_B, 'missing', true],
      [DEMO_COMMUNE_A, 'submitted', false],
    ]);
    expect((await leadB().get(`${communeB}/2026-Y`)).body).toMatchObject({ status: 'draft', overdue: true });

    // Late reports reach their supervisors' alerts and mailboxes, each once. The 2025 yearly reports
    // (due 10 December 2025) were late already when the service started.
    await testApp.app.get(ReportDeadlines).scan();
    expect(await testApp.app.get(ReportDeadlines).scan()).toBe(0);
    const mails = await testApp.query(`SELECT id, recipients, subject, body FROM outbox_messages WHERE kind = 'report_late' ORDER BY id`);
    expect(mails.map((m: any) => m.id)).toEqual([
      `report-late:commune:${DEMO_COMMUNE_B}:2025-Y`,
      `report-late:commune:${DEMO_COMMUNE_B}:2026-Y`,
      `report-late:commune:${DEMO_COMMUNE_A}:2025-Y`,
      'report-late:province:12:2025-Y',
    ]);
    const late = mails.find((m: any) => m.id.endsWith(`${DEMO_COMMUNE_B}:2026-Y`));
    expect(jsonValue(late.recipients)).toEqual(expect.arrayContaining(['agency-24@demo.invalid', 'agency-3@demo.invalid']));
    expect(late.subject).toContain('Phường Đoàn Kết');
    expect(late.body).toContain('hết ngày 10/12/2026');
    expect(late.body).toContain(`/console/reports/commune/${DEMO_COMMUNE_B}`);

    const owed = (await leadB().get('/reports/late')).body;
    expect(owed.map((r: any) => [r.unit.code, r.period.id, r.yours])).toEqual([
      [DEMO_COMMUNE_B, '2026-Y', true],
      [DEMO_COMMUNE_B, '2025-Y', true],
    ]);
    const awaited = (await coordinator().get('/reports/late')).body;
    expect(awaited.map((r: any) => `${r.unit.code}:${r.period.id}:${r.yours}`).sort()).toEqual(
      [`${DEMO_COMMUNE_A}:2025-Y:false`, `${DEMO_COMMUNE_B}:2025-Y:false`, `${DEMO_COMMUNE_B}:2026-Y:false`, '12:2025-Y:true'].sort(),
    );
    expect((await desk.operator.get('/reports/late')).body).toEqual([]);
  });

  it('keeps, event by event, exactly the facts the history gives, and rebuilds them for cases that have none', async () => {
    const work = testApp.app.get(UnitOfWork);
    const repository = testApp.app.get(CaseFactsRepository);
    const backfill = testApp.app.get(CaseFactsBackfill);
    const caseIds: string[] = (await testApp.query('SELECT id FROM cases ORDER BY id')).map((r: any) => r.id);
    expect(caseIds.length).toBeGreaterThanOrEqual(7);
    // One connection, one query at a time: the cases are read in turn.
    const each = <T>(read: (manager: EntityManager, id: string) => Promise<T>) =>
      work.read(async (manager) => {
        const all: T[] = [];
        for (const id of caseIds) all.push(await read(manager, id));
        return all;
      });
    const kept = await each((manager, id) => repository.find(manager, id));
    const replayed = await each((manager, id) => backfill.rebuild(manager, id));
    expect(kept).toEqual(replayed);
    // A1's police acknowledgement still waits, due 24 hours after the report.
    expect(kept.find((f) => f!.caseId === ids.a1)!.referrals.police).toMatchObject({ dueAt: Date.parse(local('2026-03-03T08:00:00')), lateAt: null, acceptedAt: null });

    await testApp.query('DELETE FROM case_facts');
    expect(await backfill.run()).toBe(caseIds.length);
    expect(await each((manager, id) => repository.find(manager, id))).toEqual(kept);
    expect(await backfill.run()).toBe(0);
  });
});
