import { Workbook } from 'exceljs';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { OverdueScanner } from '../src/alerts/overdue-scanner';
import { DEMO_PASSWORD } from '../src/accounts/demo-accounts';
import { AGENCY, completeStep, Desk, inboxTask, openCase, traffickingReport } from './support/demo';
import { startApp, TestApp } from './support/test-app';

/** Debian's Chromium; CI installs it, and a machine without it skips these tests. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '..', 'test-results', 'screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core'), 'utf8');
const PHONE = { width: 390, height: 844 };
const OFFICE = { width: 1366, height: 768 };
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs Debian's chromium package`);
// A walk through the console takes a browser several seconds on a busy 2-core machine.
jest.setTimeout(20_000);

(available ? describe : describe.skip)('The web console in a real browser', () => {
  let testApp: TestApp;
  let browser: Browser;
  let desk: Desk;
  let caseId: string;
  let caseNumber: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startApp();
    desk = new Desk(testApp.url);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  async function signedIn(username: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${testApp.url}/console/`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  /** What axe-core finds serious or critical on the page as it stands (WCAG 2.1 AA rules). */
  async function accessibilityProblems(page: Page): Promise<string[]> {
    // Through DevTools, not a <script> tag: the console's Content-Security-Policy rightly refuses inline scripts.
    await page.evaluate(AXE_SOURCE);
    const found: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> = await page.evaluate(
      "axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) })))",
    );
    return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  /** Codes a person should never read in the Vietnamese console: snake_case, SCREAMING_CASE, camelCase words. */
  async function rawCodes(page: Page): Promise<string[]> {
    const text = await page.locator('body').innerText();
    return text.match(/\b[a-z]+(?:_[a-z0-9]+)+\b|\b[A-Z]{2,}(?:_[A-Z0-9]+)+\b|\b[a-z]+[A-Z][a-zA-Z]+\b/g) ?? [];
  }

  it('lets the hotline operator record a trafficking report, seeing the classification as they type', async () => {
    const page = await signedIn('hotline.operator');
    await page.getByRole('heading', { name: /Tiếp nhận — Mẫu số 01/ }).waitFor();
    await page.getByLabel('Tìm xã, phường theo tên').fill('binh lu');
    await page.getByRole('button', { name: 'Xã Bình Lư, Tỉnh Lai Châu' }).click();
    await page.getByTestId('place').getByText('Xã Bình Lư, Tỉnh Lai Châu').waitFor();
    await page.getByLabel('Họ tên').first().fill('Lò Thị Pằng');
    await page.getByLabel('Tuổi (ước tính)').fill('14');
    await page.getByLabel('Giới tính').selectOption('female');
    await page.getByLabel('Tình trạng của trẻ').fill('Làm việc ban đêm tại quán karaoke, bỏ học');
    await page.getByLabel('Dấu hiệu mua bán người').check();
    await page.getByLabel('Công việc của trẻ').check();
    await page.getByLabel('Nơi làm việc').selectOption('karaoke');
    await page.getByLabel('Giờ/ngày').fill('7');
    await page.getByLabel('Giờ/tuần').fill('42');
    await page.getByLabel('Làm việc ban đêm (22:00–06:00)').check();

    const classification = page.getByTestId('classification');
    await classification.getByText('Lao động trẻ em trái pháp luật').waitFor();
    expect(await classification.textContent()).toContain('Penal Code art. 296');
    const next = await page.getByTestId('next-steps').textContent();
    expect(next).toContain('Công an');
    expect(next).toContain('Giáo dục');
    expect(await rawCodes(page)).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, '01-intake-form');

    // The draft survives a reload during the call.
    await page.reload();
    expect(await page.getByLabel('Họ tên').first().inputValue()).toBe('Lò Thị Pằng');

    await page.getByRole('button', { name: 'Lưu và mở hồ sơ' }).click();
    caseNumber = (await page.getByTestId('case-number').textContent())!;
    expect(caseNumber).toMatch(/^12-2026-\d{5}$/);
    await shot(page, '02-intake-saved');

    // Forwarded from the same page: the step leaves the hotline's inbox.
    await page.getByRole('button', { name: 'Chuyển UBND xã' }).click();
    await page.getByRole('status').getByText('Đã chuyển hồ sơ cho UBND xã').waitFor();
    await page.getByRole('link', { name: 'Hộp việc' }).click();
    await page.getByText('Không có việc nào').waitFor();
    await page.context().close();

    const [row] = await testApp.query('SELECT id, status FROM cases WHERE case_number = ?', [caseNumber]);
    caseId = row.id;
    expect(row.status).toBe('verification');
  });

  it('forgets an unsent intake draft at sign-out, so the next person at the browser sees none of it', async () => {
    const page = await signedIn('hotline.operator');
    await page.getByLabel('Họ tên').first().fill('Draft Child Name');
    await page.getByLabel('Tình trạng của trẻ').fill('Draft condition');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Tên đăng nhập').fill('hotline.operator');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: /Tiếp nhận — Mẫu số 01/ }).waitFor();
    expect(await page.getByLabel('Họ tên').first().inputValue()).toBe('');
    const stored = await page.evaluate(() => JSON.stringify({ ...(globalThis as any).localStorage }) + JSON.stringify({ ...(globalThis as any).sessionStorage }));
    expect(stored).not.toContain('Draft');
    await page.context().close();
  });

  it('says so when the session ends under the operator’s feet, and keeps what they were typing for when they sign in again', async () => {
    const page = await signedIn('hotline.operator');
    await page.getByLabel('Tìm xã, phường theo tên').fill('doan ket');
    await page.getByRole('button', { name: 'Phường Đoàn Kết, Tỉnh Lai Châu' }).click();
    await page.getByTestId('place').getByText(/Phường Đoàn Kết/).waitFor();
    await page.getByLabel('Họ tên').first().fill('Giàng Thị S.');
    await page.getByLabel('Tình trạng của trẻ').fill('Bị đưa đi làm thuê ở tỉnh khác');
    // The session ends elsewhere (signed out on the server): the tab's tokens are good for nothing now.
    const token = await page.evaluate("JSON.parse(sessionStorage.getItem('cpr.session')).accessToken");
    expect((await fetch(`${testApp.url}/auth/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(204);
    await page.getByRole('button', { name: 'Lưu và mở hồ sơ' }).click();
    await page.getByRole('alert').getByText(/Phiên đăng nhập đã kết thúc/).waitFor();
    expect(await page.getByRole('button', { name: 'Đăng xuất' }).count()).toBe(0);
    await shot(page, '02b-session-ended');
    await page.getByLabel('Tên đăng nhập').fill('hotline.operator');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: /Tiếp nhận — Mẫu số 01/ }).waitFor();
    expect(await page.getByLabel('Họ tên').first().inputValue()).toBe('Giàng Thị S.');
    expect(await page.getByLabel('Tình trạng của trẻ').inputValue()).toBe('Bị đưa đi làm thuê ở tỉnh khác');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.context().close();
  });

  it('lets the commune officer record the verification with its findings', async () => {
    const page = await signedIn('binhlu.officer');
    await page.getByTestId('inbox-row').filter({ hasText: caseNumber }).getByRole('link').click();
    // Mẫu số 02: what the officer verified, and the risk found.
    await page.getByLabel('Nội dung xác minh, đánh giá nguy cơ').fill('Gặp em và mẹ tại nhà; em bị đưa đi làm ở tỉnh khác, nguy cơ cao');
    await page.getByLabel('Thông tin có cơ sở').check();
    // The signs the caller reported are where verification starts.
    await page.waitForFunction("document.querySelector('input[name=traffickingSigns]')?.checked === true");
    await page.getByLabel('Bỏ học', { exact: true }).check();
    await shot(page, '03-commune-verification');
    await page.getByRole('button', { name: 'Xác minh' }).click();
    await page.getByRole('heading', { name: 'Hộp việc' }).waitFor();
    await page.context().close();
    const view = await desk.of(AGENCY.communeA).get(`/cases/${caseId}`);
    expect(view.body.status).toBe('specificAssessment');
    expect(view.body.findings).toEqual({ traffickingSigns: true, outOfSchool: true });
    // The commune carries it on to the referrals; those steps have their own tests.
    await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.specificAssessment', { findings: {} });
    await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.planDrafting', {});
    await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.planApproval');
  });

  it('shows the police officer the referral in the inbox, with the police packet, and accepts it', async () => {
    const page = await signedIn('binhlu.police');
    await page.getByRole('heading', { name: 'Hộp việc' }).waitFor();
    const row = page.getByTestId('inbox-row').filter({ hasText: caseNumber });
    await row.waitFor();
    expect(await rawCodes(page)).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, '04-police-inbox');
    await row.getByRole('link').click();
    const packet = page.getByTestId('packet');
    await packet.getByText('Lò Thị Pằng').waitFor();
    expect(await packet.textContent()).toContain('(thông tin cho công an)');
    expect(await rawCodes(page)).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, '05-police-task');
    await page.getByRole('button', { name: 'Nhận việc' }).click();
    await page.getByText('Đang do cán bộ này xử lý: binhlu.police').waitFor();
    await page.getByRole('button', { name: 'Trả việc' }).click();
    await page.getByText('Chưa ai nhận việc này.').waitFor();
    await page.getByRole('button', { name: 'Tiếp nhận chuyển gửi' }).click();
    await page.getByRole('heading', { name: 'Hộp việc' }).waitFor();
    await page.context().close();
    const view = await desk.of(AGENCY.communeA).get(`/cases/${caseId}`);
    expect(view.body.states.map((s: any) => s.path)).toContain('open.police.inProgress');
  });

  it('lets the school decline its referral with a reason', async () => {
    const page = await signedIn('binhlu.school');
    await page.getByTestId('inbox-row').filter({ hasText: caseNumber }).getByRole('link').click();
    const packet = await page.getByTestId('packet').textContent();
    expect(packet).not.toMatch(/karaoke|police|trafficking/i);
    await page.getByRole('button', { name: 'Từ chối' }).click();
    expect(await page.getByLabel('Lý do từ chối').evaluate((el) => (el as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing)).toBe(true);
    await page.getByLabel('Lý do từ chối').fill('Em không thuộc địa bàn tuyển sinh của trường');
    await shot(page, '06-school-decline');
    await page.getByRole('button', { name: 'Từ chối' }).click();
    await page.getByRole('heading', { name: 'Hộp việc' }).waitFor();
    await page.context().close();
    const view = await desk.of(AGENCY.communeA).get(`/cases/${caseId}`);
    expect(view.body.referrals.education.declines[0].reason).toBe('Em không thuộc địa bàn tuyển sinh của trường');
  });

  it('shows the supervisor an overdue step as it happens, without a reload', async () => {
    const page = await signedIn('binhlu.culture.head');
    await page.getByRole('link', { name: 'Cảnh báo' }).click();
    await page.getByRole('status').getByText('Cập nhật trực tiếp').waitFor();
    expect(await page.getByTestId('alert').count()).toBe(0);
    // The 2025 yearly report was due on 10 December 2025 and the commune has not sent it.
    await page.getByTestId('late-reports').getByText(/Xã Bình Lư: Báo cáo năm 2025/).waitFor();

    // Four days on: the declined referral waits for the lead agency, past its due time.
    testApp.clock.advanceHours(4 * 24);
    await testApp.app.get(OverdueScanner).scan();
    const alert = page.getByTestId('alert').filter({ hasText: caseNumber }).first();
    await alert.waitFor();
    await page.getByTestId('alert-counts').getByText('Xã Bình Lư').waitFor();
    // Every rung of the step's ladder is raised at once, four days late: one row stands for them.
    expect(await page.getByTestId('alert').filter({ hasText: caseNumber }).count()).toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, '07-supervisor-alerts');

    // How late, by the service's clock (this browser's is months away from the test's), and in
    // working days: the reassignment is due when the school's acceptance was, in working days.
    await page.reload();
    const [late] = (await desk.as('binhlu.culture.head').get(`/alerts?agencyId=${AGENCY.lead}`)).body.items.filter((a: any) => a.caseNumber === caseNumber);
    expect(late.lateness.vi).toMatch(/^quá hạn [1-4] ngày làm việc$/);
    await page.getByTestId('alert').filter({ hasText: caseNumber }).getByText(late.lateness.vi).waitFor();

    // The step is the lead agency's own: its head takes it over, so that nobody's claim holds it up.
    const ownStep = page.getByTestId('alert').filter({ hasText: caseNumber });
    await ownStep.getByRole('button', { name: 'Giao việc' }).click();
    await ownStep.getByLabel('Giao việc cho').selectOption({ label: 'Trưởng phòng Văn hóa – Xã hội xã Bình Lư' });
    await ownStep.getByRole('button', { name: 'Giao việc' }).click();
    await ownStep.getByText('binhlu.culture.head').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, '07-supervisor-assigns');

    await alert.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await page.getByRole('heading', { name: caseNumber, level: 1 }).waitFor();
    const active = await page.locator('[aria-current="step"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-state')));
    expect(active).toEqual(expect.arrayContaining(['open.police.inProgress', 'open.education.declined']));
    expect(await rawCodes(page)).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, '08-case-statechart');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Alerts' }).waitFor();
    await page.getByText('Declined, awaiting reassignment by the lead agency').first().waitFor();
    await shot(page, '09-case-statechart-english');

    // The lead agency owns the declined referral: it reassigns it from its inbox.
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByTestId('inbox-row').filter({ hasText: caseNumber }).getByRole('link').click();
    await page.getByLabel('Reassign to agency').selectOption({ label: 'Lai Châu provincial department of education and training' });
    await shot(page, '10-lead-agency-reassigns');
    await page.getByRole('button', { name: 'Reassign' }).click();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.context().close();
    const view = await desk.of(AGENCY.communeA).get(`/cases/${caseId}`);
    expect(view.body.referrals.education.agencyId).toBe(AGENCY.education);
    expect(view.body.states.map((s: any) => s.path)).toContain('open.education.pending');
  });

  it('lets the commune’s lead body fill in and send its 6-month report, and the province receive it, from the console alone', async () => {
    const page = await signedIn('binhlu.culture.head');
    await page.getByRole('link', { name: 'Báo cáo định kỳ' }).click();
    await page.getByRole('heading', { name: /Xã Bình Lư — Báo cáo 6 tháng đầu năm 2026/ }).waitFor();
    const reported = page.getByTestId('report-indicators').getByRole('row').filter({ hasText: 'Số trẻ em được thông báo, tố giác' });
    expect(await reported.getByRole('cell').first().textContent()).toBe('1');
    await page.getByLabel(/Số lượt cán bộ được tập huấn/).fill('12');
    await page.getByLabel(/Số lượt cán bộ được tập huấn/).blur();
    await page.getByRole('status').getByText('Đã lưu').waitFor();
    expect(await rawCodes(page)).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, '11-report-commune');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải tệp Excel' }).click()]);
    await download.saveAs(join(SCREENSHOTS, '11-report-commune.xlsx'));
    const workbook = new Workbook();
    await workbook.xlsx.load(readFileSync(join(SCREENSHOTS, '11-report-commune.xlsx')));
    expect(workbook.worksheets[0].name).toBe('Tổng hợp');
    expect(workbook.worksheets.map((w) => w.name)).toContain('01 children_reported');

    await page.getByRole('button', { name: 'Gửi báo cáo lên cấp trên' }).click();
    await page.getByTestId('report-status').getByText('Đã gửi').waitFor();
    await page.context().close();

    const province = await signedIn('laichau.health.head');
    await province.getByRole('link', { name: 'Báo cáo định kỳ' }).click();
    const commune = province.getByTestId('commune-reports').getByRole('row').filter({ hasText: 'Xã Bình Lư' });
    await commune.getByText('Đã gửi').waitFor();
    await shot(province, '12-report-province');
    await commune.getByRole('button', { name: /Tiếp nhận báo cáo/ }).click();
    await commune.getByText('Đã tiếp nhận').waitFor();
    await province.context().close();

    const small = await signedIn('binhlu.culture.head', PHONE);
    await small.getByRole('link', { name: 'Báo cáo định kỳ' }).click();
    await small.getByTestId('report-status').getByText('Cấp trên đã tiếp nhận').waitFor();
    await shot(small, '13-report-phone');
    await small.context().close();
  });

  it('lets the commune chair return a plan from the case page, with a reason', async () => {
    const returned = (await openCase(desk)).id;
    await completeStep(desk, AGENCY.hotline, returned, 'open.procedure.intake');
    await completeStep(desk, AGENCY.communeA, returned, 'open.procedure.verification', { founded: true, emergency: false, findings: { traffickingSigns: true } });
    await completeStep(desk, AGENCY.communeA, returned, 'open.procedure.specificAssessment', { findings: {} });
    const plan = { goals: 'Em an toàn tại gia đình', measures: [{ measure: 'Thăm gia đình hằng tuần', responsible: 'Cán bộ xã', by: '2026-03-31' }] };
    await completeStep(desk, AGENCY.communeA, returned, 'open.procedure.planDrafting', plan);
    const officer = await signedIn('binhlu.officer');
    await officer.goto(`${testApp.url}/console/cases/${returned}`);
    await officer.locator('[aria-current="step"][data-state="open.procedure.planApproval"]').waitFor();
    // Returning a plan is the chair's: the officer is offered only what an officer may decide.
    expect(await officer.getByRole('button', { name: 'Trả lại kế hoạch' }).count()).toBe(0);
    await officer.context().close();

    const page = await signedIn('binhlu.chair');
    await page.goto(`${testApp.url}/console/cases/${returned}`);
    await page.getByLabel('Lý do — Trả lại kế hoạch').fill('Kế hoạch chưa có biện pháp hỗ trợ học nghề');
    await shot(page, '14-chair-returns-plan');
    await page.getByRole('button', { name: 'Trả lại kế hoạch' }).click();
    await page.locator('[aria-current="step"][data-state="open.procedure.planDrafting"]').waitFor();
    expect(await rawCodes(page)).toEqual([]);
    await page.context().close();
    expect((await desk.of(AGENCY.communeA).get(`/cases/${returned}`)).body.status).toBe('planDrafting');

    // The officer redrafts from the plan that came back, not from an empty form.
    const redraft = await inboxTask(desk, AGENCY.communeA, returned, 'open.procedure.planDrafting');
    const again = await signedIn('binhlu.officer');
    await again.goto(`${testApp.url}/console/tasks/${redraft.id}`);
    await again.getByRole('button', { name: 'Trình kế hoạch' }).waitFor();
    expect(await again.getByLabel('Mục tiêu của kế hoạch').inputValue()).toBe('Em an toàn tại gia đình');
    expect(await again.getByLabel('Thời hạn').inputValue()).toBe('31/03/2026');
    await again.context().close();
  }, 30_000);

  it('lays every page out on a phone (390×844) and an office screen (1366×768): nothing wider than the screen, every control reachable', async () => {
    const visit = async (username: string, pages: Array<[string, string]>, size = PHONE) => {
      const page = await signedIn(username, size);
      for (const [path, name] of pages) {
        await page.goto(`${testApp.url}/console${path}`);
        await page.locator('main h1').first().waitFor();
        expect([name, await page.evaluate('document.documentElement.scrollWidth')]).toEqual([name, size.width]);
        expect(await page.getByRole('button', { name: 'Đăng xuất' }).isVisible()).toBe(true);
        expect([name, await accessibilityProblems(page)]).toEqual([name, []]);
        expect([name, await rawCodes(page)]).toEqual([name, []]);
        await shot(page, `${size === PHONE ? 'phone' : 'office'}-${name}`);
      }
      await page.context().close();
    };
    await visit('hotline.operator', [['/intake', 'intake'], ['/inbox', 'inbox-hotline']]);
    await visit('binhlu.culture.head', [['/inbox', 'inbox'], ['/alerts', 'alerts'], ['/reports', 'reports'], [`/cases/${caseId}`, 'case']]);
    await visit('binhlu.culture.head', [['/inbox', 'inbox'], ['/alerts', 'alerts'], ['/reports', 'reports'], [`/cases/${caseId}`, 'case']], OFFICE);
  }, 40_000);

  it('is reachable by keyboard: the sign-in form focused first and in tab order, every control labelled', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${testApp.url}/console/`);
    // Page scripts are given as source text: this file is compiled for Node, without the DOM's types.
    const focused = "document.activeElement && document.activeElement.getAttribute('name')";
    await page.waitForFunction(`${focused} === 'username'`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(focused)).toBe('password');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(focused)).toBe('username');
    const unlabelled = await page.evaluate(
      "[...document.querySelectorAll('input, select, textarea')].filter((el) => !el.closest('label') && !el.getAttribute('aria-label')).length",
    );
    expect(unlabelled).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, '00-sign-in');
    // The check can fail: an image without a text alternative is a critical problem.
    await page.evaluate("document.body.appendChild(Object.assign(document.createElement('img'), { src: 'data:,' }))");
    expect((await accessibilityProblems(page)).map((problem) => problem.split(':')[0])).toContain('image-alt');
    await context.close();
  });

  // Last: the case it adds would change the counts the tests above read.
  it('shows the operator the case a second report may be about as they type, and adds the report to it', async () => {
    const first = await desk.operator.post('/cases', traffickingReport({ child: { name: 'Vàng Thị Chua', dateOfBirth: '2012-06-01', sex: 'female' }, guardian: { name: 'Vàng A Sử', phone: '01653334444' }, reporter: { anonymous: false, consent: true, name: 'Neighbour', phone: '0912 000 555' } }));
    expect(first.status).toBe(201);
    const page = await signedIn('hotline.operator');
    await page.getByRole('heading', { name: /Tiếp nhận — Mẫu số 01/ }).waitFor();
    await page.getByLabel('Tìm xã, phường theo tên').fill('binh lu');
    await page.getByRole('button', { name: 'Xã Bình Lư, Tỉnh Lai Châu' }).click();
    await page.getByLabel('Họ tên').first().fill('Vang Thi Chua');
    await page.getByLabel('Tuổi (ước tính)').fill('13');
    await page.getByLabel('Giới tính').selectOption('female');
    await page.getByLabel('Điện thoại cha mẹ, người giám hộ').fill('035 333 4444');
    // The caller rang before, about that girl: the hotline sees the number's earlier report.
    await page.getByLabel('Giấu tên').uncheck();
    await page.getByLabel('Đồng ý ghi lại thông tin').check();
    await page.locator('input[name=reporterName]').fill('Hàng xóm');
    await page.locator('input[name=reporterPhone]').fill('+84 912 000 555');
    await page.getByTestId('caller').getByText(first.body.caseNumber).waitFor();
    expect(await page.getByTestId('caller').textContent()).toContain('Số tin báo trước đây của số máy này: 1');
    const candidates = page.getByTestId('candidates');
    await candidates.getByText(first.body.caseNumber).waitFor();
    expect(await candidates.textContent()).toContain('Nhiều khả năng cùng một trẻ');
    expect(await candidates.textContent()).toContain('Số điện thoại: Trùng');
    expect(await rawCodes(page)).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, '00-intake-candidates');
    await page.getByLabel('Tình trạng của trẻ').fill('Nghỉ học, đi làm thuê ở xưởng gạch');
    await candidates.getByRole('button', { name: 'Thêm tin báo vào hồ sơ này' }).first().click();
    await page.getByRole('status').getByText('Đã thêm tin báo vào hồ sơ').waitFor();
    expect(await page.getByTestId('case-number').textContent()).toBe(first.body.caseNumber);
    const history = (await desk.as('binhlu.culture').get(`/cases/${first.body.id}`)).body.history;
    expect(history.map((h: any) => h.type)).toContain('REPORT_LINKED');
    await page.close();
  });

  it('carries a trafficking report from the call to closure through the console alone, every person on a phone (390×844)', async () => {
    /** Signs in on a phone, opens this case's step from the inbox, and leaves once the step is done. */
    const step = async (username: string, picture: string, button: string, work: (page: Page) => Promise<void> = async () => {}) => {
      const page = await signedIn(username, PHONE);
      // The inbox names the commune, never its code.
      await page.getByTestId('inbox-row').filter({ hasText: phoneCase }).getByText('Xã Bình Lư').waitFor();
      await page.getByTestId('inbox-row').filter({ hasText: phoneCase }).getByRole('link').click();
      await page.locator('main h1').first().waitFor();
      await work(page);
      expect([picture, await page.evaluate('document.documentElement.scrollWidth')]).toEqual([picture, PHONE.width]);
      expect([picture, await rawCodes(page)]).toEqual([picture, []]);
      expect([picture, await accessibilityProblems(page)]).toEqual([picture, []]);
      await shot(page, `phone-walk-${picture}`);
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.getByRole('heading', { name: 'Hộp việc' }).waitFor();
      await page.context().close();
    };
    let phoneCase = '';

    const operator = await signedIn('hotline.operator', PHONE);
    await operator.getByLabel('Tìm xã, phường theo tên').fill('binh lu');
    await operator.getByRole('button', { name: 'Xã Bình Lư, Tỉnh Lai Châu' }).click();
    // The call came in an hour ago: its time and day, typed as the office writes them (Vietnam time).
    const calledAt = new Date(testApp.clock.now().getTime() - 3_600_000);
    const [day, clock] = new Date(calledAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).split('T');
    await operator.getByLabel('Giờ', { exact: true }).fill(clock);
    await operator.getByLabel('Ngày (để trống: hôm nay)').fill(day.split('-').reverse().join('/'));
    await operator.getByLabel('Họ tên').first().fill('Giàng Thị Súa');
    await operator.getByLabel('Tuổi (ước tính)').fill('15');
    await operator.getByLabel('Giới tính').selectOption('female');
    await operator.getByLabel('Tình trạng của trẻ').fill('Bị người lạ đưa đi làm quán karaoke ở thị trấn, bỏ học');
    await operator.getByLabel('Dấu hiệu mua bán người').check();
    await operator.getByLabel('Công việc của trẻ').check();
    await operator.getByLabel('Nơi làm việc').selectOption('karaoke');
    await operator.getByLabel('Giờ/ngày').fill('8');
    await operator.getByLabel('Giờ/tuần').fill('48');
    await operator.getByLabel('Làm việc ban đêm (22:00–06:00)').check();
    await operator.getByRole('button', { name: 'Lưu và mở hồ sơ' }).click();
    phoneCase = (await operator.getByTestId('case-number').textContent())!;
    await operator.getByRole('button', { name: 'Chuyển UBND xã' }).click();
    await operator.getByRole('status').getByText('Đã chuyển hồ sơ cho UBND xã').waitFor();
    await shot(operator, 'phone-walk-01-intake');
    await operator.context().close();

    await step('binhlu.officer', '02-verification', 'Xác minh', async (page) => {
      await page.getByLabel('Nội dung xác minh, đánh giá nguy cơ').fill('Em đang ở quán karaoke, chủ quán giữ giấy tờ');
      await page.getByLabel('Thông tin có cơ sở').check();
      await page.waitForFunction("document.querySelector('input[name=traffickingSigns]')?.checked === true");
      await page.getByLabel('Bỏ học', { exact: true }).check();
      await page.getByLabel('Hộ nghèo, cận nghèo').check();
    });
    await step('binhlu.police', '03-police-accepts', 'Tiếp nhận chuyển gửi');
    await step('binhlu.officer', '04-assessment', 'Hoàn thành đánh giá', async (page) => {
      // What verification found is where the assessment starts.
      await page.waitForFunction("document.querySelector('input[name=outOfSchool]')?.checked === true");
      // Mẫu số 03: the needs, and the meeting with the family, minuted. Days are written as offices write them.
      await page.getByLabel('Nhu cầu của trẻ').fill('An toàn, đi học lại, gia đình có thu nhập');
      await page.getByLabel('Ngày họp').fill('31/02/2026');
      expect(await page.getByText('Ngày không hợp lệ').isVisible()).toBe(true);
      await page.getByLabel('Ngày họp').fill('04/03/2026');
      await page.getByLabel('Thành phần tham dự').fill('Mẹ của em, công an xã, hiệu trưởng');
      await page.getByLabel('Nội dung biên bản').fill('Em về ở với mẹ; trường nhận em lại lớp 9');
    });
    await step('binhlu.officer', '05-plan', 'Trình kế hoạch', async (page) => {
      // Mẫu số 04: the goals and each measure with who does it and by when.
      await page.getByLabel('Mục tiêu của kế hoạch').fill('Em an toàn và đi học đều');
      await page.getByLabel('Biện pháp 1').fill('Đưa em trở lại lớp 9');
      await page.getByLabel('Cơ quan, người thực hiện').fill('Trường THCS Bình Lư');
      await page.getByLabel('Thời hạn').fill('20/03/2026');
      await page.getByRole('button', { name: 'Thêm biện pháp' }).click();
      await page.getByLabel('Biện pháp 2').fill('Trợ cấp hộ cận nghèo');
      await page.getByTestId('measure').nth(1).getByLabel('Cơ quan, người thực hiện').fill('Phòng Văn hóa – Xã hội');
      await page.getByTestId('measure').nth(1).getByLabel('Thời hạn').fill('31/03/2026');
    });
    await step('binhlu.chair', '06-plan-approval', 'Phê duyệt kế hoạch', async (page) => {
      // Mẫu số 05: the decision the chair signed.
      await page.getByLabel('Số quyết định phê duyệt').fill('15/QĐ-UBND');
      await page.getByLabel('Ngày ký quyết định').fill('06/03/2026');
    });
    await step('binhlu.police', '07-police-decision', 'Báo cáo kết quả', async (page) => {
      await page.locator('select[name=result]').selectOption('prosecution_opened');
      await page.locator('textarea[name=outcome]').fill('Khởi tố vụ án, chủ quán bị tạm giữ');
    });
    await step('binhlu.school', '08-school-accepts', 'Tiếp nhận chuyển gửi');
    await step('binhlu.school', '09-school-outcome', 'Báo cáo kết quả', async (page) => {
      await page.locator('select[name=result]').selectOption('returned_to_school');
      await page.locator('textarea[name=outcome]').fill('Em đã đi học lại lớp 9');
    });
    await step('binhlu.culture', '10-social-support-accepts', 'Tiếp nhận chuyển gửi');
    await step('binhlu.culture', '11-social-support-outcome', 'Báo cáo kết quả', async (page) => {
      await page.locator('textarea[name=outcome]').fill('Gia đình được trợ cấp hộ cận nghèo');
    });
    await step('binhlu.officer', '12-review', 'Ghi nhận đánh giá định kỳ', async (page) => {
      await page.getByLabel('Trẻ ổn định').check();
      await page.getByLabel('Ghi chú').fill('Em đi học đều, sống cùng mẹ');
    });

    const officer = await signedIn('binhlu.officer', PHONE);
    // The next review waits in the inbox; the closure is proposed on the case itself.
    await officer.getByTestId('inbox-row').filter({ hasText: phoneCase }).getByRole('link').click();
    await officer.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await officer.getByLabel('Lý do — Đề xuất đóng hồ sơ').fill('Trẻ ổn định trọn một kỳ theo dõi');
    await shot(officer, 'phone-walk-13-closure-proposed');
    await officer.getByRole('button', { name: 'Đề xuất đóng hồ sơ' }).click();
    await officer.locator('[aria-current="step"][data-state="open.procedure.closureProposed"]').waitFor();
    await officer.context().close();

    await step('binhlu.chair', '14-closure-approval', 'Đồng ý đóng hồ sơ');
    const chair = await signedIn('binhlu.chair', PHONE);
    const [row] = await testApp.query('SELECT id FROM cases WHERE case_number = ?', [phoneCase]);
    await chair.goto(`${testApp.url}/console/cases/${row.id}`);
    await chair.locator('[aria-current="step"][data-state="closed"]').waitFor();
    expect(await rawCodes(chair)).toEqual([]);
    await shot(chair, 'phone-walk-15-closed');
    await chair.context().close();

    const closed = (await desk.of(AGENCY.communeA).get(`/cases/${row.id}`)).body;
    expect(closed.status).toBe('closed');
    expect(closed.receivedAt).toBe(new Date(Math.floor(calledAt.getTime() / 60_000) * 60_000).toISOString());
    expect(closed.history.map((h: any) => h.type)).toEqual([
      'CASE_OPENED', 'FORWARDED', 'VERIFICATION_COMPLETED', 'REFERRAL_ACCEPTED', 'ASSESSMENT_COMPLETED', 'PLAN_DRAFTED', 'PLAN_APPROVED',
      'REFERRAL_COMPLETED', 'REFERRAL_ACCEPTED', 'REFERRAL_COMPLETED', 'REFERRAL_ACCEPTED', 'REFERRAL_COMPLETED',
      'REVIEW_RECORDED', 'CLOSURE_PROPOSED', 'CLOSURE_APPROVED',
    ]);
    expect(closed.history.map((h: any) => h.actor)).toEqual(
      expect.arrayContaining(['hotline.operator', 'binhlu.officer', 'binhlu.chair', 'binhlu.police', 'binhlu.school', 'binhlu.culture']),
    );
    expect(closed.referrals.police.result).toBe('prosecution_opened');
    const payload = (type: string) => closed.history.find((entry: any) => entry.type === type).payload;
    expect(payload('VERIFICATION_COMPLETED').notes).toBe('Em đang ở quán karaoke, chủ quán giữ giấy tờ');
    expect(payload('ASSESSMENT_COMPLETED').meeting).toEqual({ heldOn: '2026-03-04', participants: 'Mẹ của em, công an xã, hiệu trưởng', minutes: 'Em về ở với mẹ; trường nhận em lại lớp 9' });
    expect(payload('PLAN_DRAFTED').measures).toEqual([
      { measure: 'Đưa em trở lại lớp 9', responsible: 'Trường THCS Bình Lư', by: '2026-03-20' },
      { measure: 'Trợ cấp hộ cận nghèo', responsible: 'Phòng Văn hóa – Xã hội', by: '2026-03-31' },
    ]);
    expect(payload('PLAN_APPROVED')).toMatchObject({ decisionNumber: '15/QĐ-UBND', decidedOn: '2026-03-06' });
  }, 120_000);

  it('records an intake by keyboard alone: every field reached with Tab, the commune picked with Enter', async () => {
    const page = await signedIn('hotline.operator');
    await page.goto(`${testApp.url}/console/intake`);
    await page.getByRole('button', { name: 'Lưu và mở hồ sơ' }).waitFor();
    /** Presses Tab until the control named `name` (or the button saying `text`) has the focus. */
    const tabTo = async (what: { name?: string; text?: string }) => {
      for (let i = 0; i < 120; i += 1) {
        await page.keyboard.press('Tab');
        const focused = (await page.evaluate("[document.activeElement?.getAttribute('name'), document.activeElement?.textContent]")) as [string | null, string | null];
        if ((what.name && focused[0] === what.name) || (what.text && focused[1] === what.text)) return;
      }
      throw new Error(`Tab never reached ${JSON.stringify(what)}`);
    };
    await tabTo({ name: 'place' });
    await page.keyboard.type('binh lu');
    await tabTo({ text: 'Xã Bình Lư, Tỉnh Lai Châu' });
    await page.keyboard.press('Enter');
    await page.getByTestId('place').getByText('Xã Bình Lư, Tỉnh Lai Châu').waitFor();
    await tabTo({ name: 'name' });
    await page.keyboard.type('Lù Thị Pà');
    await tabTo({ name: 'condition' });
    await page.keyboard.type('Em phải đi phụ hồ cả ngày, không đến trường');
    await tabTo({ text: 'Lưu và mở hồ sơ' });
    await page.keyboard.press('Enter');
    const number = (await page.getByTestId('case-number').textContent())!;
    expect(number).toMatch(/^12-2026-\d{5}$/);
    await page.context().close();
  });
});
