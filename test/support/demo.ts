import { DEMO_AGENCIES, DEMO_COMMUNE_A, DEMO_COMMUNE_B, DEMO_PROVINCE } from '../../src/agencies/agency-seed';
import { DEMO_ACCOUNTS } from '../../src/accounts/demo-accounts';
import { Api } from './api';

function agencyId(nameEn: string): string {
  const agency = DEMO_AGENCIES.find((a) => a.nameEn === nameEn);
  if (!agency) throw new Error(`No demo agency ${nameEn}`);
  return agency.id;
}

/** The seeded demo agencies a test talks to. */
export const AGENCY = {
  hotline: agencyId('National child-protection hotline 111'),
  communeA: agencyId('Bình Lư commune people’s committee'),
  communeB: agencyId('Đoàn Kết ward people’s committee'),
  policeA: agencyId('Bình Lư commune police'),
  policeB: agencyId('Đoàn Kết ward police'),
  schoolA: agencyId('Bình Lư ethnic boarding lower-secondary school'),
  healthA: agencyId('Bình Lư commune health station'),
  /** The lead agency of commune A: its culture–society office. */
  lead: agencyId('Bình Lư culture–society office'),
  leadB: agencyId('Đoàn Kết ward culture–society office'),
  provinceHealth: agencyId('Lai Châu provincial department of health'),
  education: agencyId('Lai Châu provincial department of education and training'),
  labour: agencyId('Lai Châu provincial department of home affairs (labour)'),
  agriculture: agencyId('Lai Châu provincial department of agriculture and environment'),
  shelter: agencyId('Lai Châu provincial social work centre'),
};

export { DEMO_COMMUNE_A, DEMO_COMMUNE_B };

/** Signed-in demo people, one session each, kept for the test file. */
export class Desk {
  private readonly people = new Map<string, Api>();

  constructor(readonly baseUrl: string) {}

  as(username: string): Api {
    let api = this.people.get(username);
    if (!api) {
      api = new Api(this.baseUrl, username);
      this.people.set(username, api);
    }
    return api;
  }

  /** Someone of the agency who holds the role, or failing that an officer or supervisor of it. */
  of(agencyId: string, role: string = 'officer'): Api {
    const accounts = DEMO_ACCOUNTS.filter((a) => a.agencyId === agencyId);
    const account =
      accounts.find((a) => (a.roles as string[]).includes(role)) ??
      accounts.find((a) => a.roles.some((r) => r === 'officer' || r === 'supervisor' || r === 'operator'));
    if (!account) throw new Error(`No demo account for agency ${agencyId}`);
    return this.as(account.username);
  }

  get operator(): Api {
    return this.as('hotline.operator');
  }
}

/** A Mẫu số 01 report of a 14-year-old girl recruited to work nights at a karaoke bar. */
/**
 * A report with no sign of a crime, recorded as received 19 hours ago: its forwarding step is past
 * every rung of the escalation ladder as soon as it opens.
 */
export function lateReport(condition: string): Record<string, unknown> {
  return {
    channel: 'hotline_111',
    category: 'at_risk',
    receivedAt: new Date(Date.now() - 19 * 3_600_000).toISOString(),
    location: { provinceCode: '12', communeCode: '03390' },
    child: { sex: 'female', estimatedAgeYears: 13 },
    condition,
    reporter: { anonymous: true },
  };
}

const GIVEN_NAMES = ['M.', 'Hoa', 'Thu', 'Nga', 'Yến', 'Hằng', 'Linh', 'Trang', 'Thảo', 'Dung', 'Huệ', 'Cúc', 'Đào', 'Nhung', 'Phượng', 'Quyên', 'Sen', 'Tuyết', 'Vân', 'Xuân', 'Bích', 'Châu', 'Diệp', 'Giang', 'Hạnh', 'Khánh', 'Loan', 'Ngân', 'Oanh', 'Phương', 'Quế', 'Sương', 'Thoa', 'Uyên', 'Vy', 'Ly'];
const FAMILY_NAMES = ['Lò', 'Cầm', 'Quàng', 'Lường', 'Tòng', 'Vì'];
let reported = 0;

/**
 * A report of another child each time (name and caller's phone), so that a test's cases are not
 * taken for duplicates of one another; the first is Lò Thị M.
 */
export function traffickingReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const n = reported++;
  const name = `${FAMILY_NAMES[Math.floor(n / GIVEN_NAMES.length) % FAMILY_NAMES.length]} Thị ${GIVEN_NAMES[n % GIVEN_NAMES.length]}`;
  return {
    channel: 'hotline_111',
    category: 'at_risk',
    location: { provinceCode: DEMO_PROVINCE, communeCode: DEMO_COMMUNE_A, address: 'Bản Bình Lư' },
    child: { name, estimatedAgeYears: 14, sex: 'female', ethnicity: 'Thái' },
    condition: 'Recruited by a stranger, works nights at a karaoke bar, stopped going to school',
    likelyHarm: 'Sexual and labour exploitation',
    reporter: { anonymous: false, consent: true, name: 'Neighbour', phone: `091${String(2345678 + n).padStart(7, '0')}`, relationship: 'neighbour' },
    signs: { traffickingSigns: true },
    work: { ageYears: 14, job: 'other', workplace: 'karaoke', hoursPerDay: 7, hoursPerWeek: 42, nightWork: true },
    ...overrides,
  };
}

/** The one open task of a case at a step, as the owning agency finds it in its inbox. */
export async function inboxTask(desk: Desk, agencyId: string, caseId: string, step: string): Promise<any> {
  const inbox = await desk.of(agencyId).get(`/agencies/${agencyId}/inbox?pageSize=100`);
  if (inbox.status !== 200) throw new Error(`inbox answered ${inbox.status}: ${JSON.stringify(inbox.body)}`);
  const task = inbox.body.items.find((t: any) => t.caseId === caseId && t.step === step);
  if (!task) throw new Error(`No task ${step} of case ${caseId} in the inbox of ${agencyId}: ${JSON.stringify(inbox.body.items.map((t: any) => t.step))}`);
  return task;
}

/** Completes the task of a step from the owning agency's inbox, as someone holding its role. */
export async function completeStep(desk: Desk, agencyId: string, caseId: string, step: string, data?: object): Promise<any> {
  const task = await inboxTask(desk, agencyId, caseId, step);
  const answer = await desk.of(agencyId, task.role).post(`/tasks/${task.id}/complete`, data ? { data } : {});
  if (answer.status !== 200) throw new Error(`complete ${step} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function acceptReferral(desk: Desk, agencyId: string, caseId: string, referral: string): Promise<any> {
  const task = await inboxTask(desk, agencyId, caseId, `open.${referral}.pending`);
  const answer = await desk.of(agencyId).post(`/tasks/${task.id}/accept`, {});
  if (answer.status !== 200) throw new Error(`accept ${referral} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function openCase(desk: Desk, overrides: Record<string, unknown> = {}): Promise<{ id: string; caseNumber: string }> {
  const opened = await desk.operator.post('/cases', traffickingReport(overrides));
  if (opened.status !== 201) throw new Error(`open answered ${opened.status}: ${JSON.stringify(opened.body)}`);
  return opened.body;
}

/** Opens the trafficking report and carries it to the parallel referrals. */
export async function caseInSupport(desk: Desk, findings: object = { outOfSchool: true, poorHousehold: true }): Promise<string> {
  const caseId = (await openCase(desk)).id;
  await completeStep(desk, AGENCY.hotline, caseId, 'open.procedure.intake');
  await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.verification', { founded: true, emergency: false, findings });
  await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.specificAssessment', { findings: {} });
  await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.planDrafting', {});
  await completeStep(desk, AGENCY.communeA, caseId, 'open.procedure.planApproval');
  return caseId;
}
