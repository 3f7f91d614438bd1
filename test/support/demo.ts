import { DEMO_AGENCIES, DEMO_COMMUNE_A, DEMO_COMMUNE_B, DEMO_DISTRICT, DEMO_PROVINCE } from '../../src/agencies/agency-seed';
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
  communeB: agencyId('Sơn Bình commune people’s committee'),
  policeA: agencyId('Bình Lư commune police'),
  schoolA: agencyId('Bình Lư ethnic boarding lower-secondary school'),
  healthA: agencyId('Bình Lư commune health station'),
  labourSocial: agencyId('Tam Đường district labour, invalids and social affairs office'),
  education: agencyId('Tam Đường district education office'),
  agriculture: agencyId('Tam Đường district agriculture and rural development office'),
  shelter: agencyId('Lai Châu provincial social work centre'),
};

/** A Mẫu số 01 report of a 14-year-old girl recruited to work nights at a karaoke bar. */
export function traffickingReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    channel: 'hotline_111',
    category: 'at_risk',
    location: { provinceCode: DEMO_PROVINCE, districtCode: DEMO_DISTRICT, communeCode: DEMO_COMMUNE_A, address: 'Bản Bình Lư' },
    child: { name: 'Lò Thị M.', estimatedAgeYears: 14, sex: 'female', ethnicity: 'Thái' },
    condition: 'Recruited by a stranger, works nights at a karaoke bar, stopped going to school',
    likelyHarm: 'Sexual and labour exploitation',
    reporter: { anonymous: false, consent: true, name: 'Neighbour', phone: '0912345678', relationship: 'neighbour' },
    signs: { traffickingSigns: true },
    work: { ageYears: 14, job: 'other', workplace: 'karaoke', hoursPerDay: 7, hoursPerWeek: 42, nightWork: true },
    ...overrides,
  };
}

export { DEMO_COMMUNE_A, DEMO_COMMUNE_B };

export interface Flow {
  api: Api;
  caseId: string;
}

/** The one open task of a case at a step, as the owning agency finds it in its inbox. */
export async function inboxTask(api: Api, agencyId: string, caseId: string, step: string): Promise<any> {
  const inbox = await api.get(`/agencies/${agencyId}/inbox?pageSize=100`);
  if (inbox.status !== 200) throw new Error(`inbox answered ${inbox.status}`);
  const task = inbox.body.items.find((t: any) => t.caseId === caseId && t.step === step);
  if (!task) throw new Error(`No task ${step} of case ${caseId} in the inbox of ${agencyId}: ${JSON.stringify(inbox.body.items.map((t: any) => t.step))}`);
  return task;
}

/** Completes the task of a step from the owning agency's inbox; expects success. */
export async function completeStep(api: Api, agencyId: string, caseId: string, step: string, data?: object, actor = 'officer'): Promise<any> {
  const task = await inboxTask(api, agencyId, caseId, step);
  const answer = await api.post(`/tasks/${task.id}/complete`, data ? { data } : {}, actor);
  if (answer.status !== 200) throw new Error(`complete ${step} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function acceptReferral(api: Api, agencyId: string, caseId: string, referral: string, actor = 'officer'): Promise<any> {
  const task = await inboxTask(api, agencyId, caseId, `support.${referral}.pending`);
  const answer = await api.post(`/tasks/${task.id}/accept`, {}, actor);
  if (answer.status !== 200) throw new Error(`accept ${referral} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Opens the trafficking report and carries it to the parallel referrals. */
export async function caseInSupport(api: Api, findings: object = { outOfSchool: true, poorHousehold: true }): Promise<string> {
  const opened = await api.post('/cases', traffickingReport(), 'operator-1');
  if (opened.status !== 201) throw new Error(`open answered ${opened.status}: ${JSON.stringify(opened.body)}`);
  const caseId: string = opened.body.id;
  await completeStep(api, AGENCY.hotline, caseId, 'intake', undefined, 'operator-1');
  await completeStep(api, AGENCY.communeA, caseId, 'verification', { founded: true, emergency: false, findings });
  await completeStep(api, AGENCY.communeA, caseId, 'specificAssessment', { findings: {} });
  await completeStep(api, AGENCY.communeA, caseId, 'planDrafting', {});
  await completeStep(api, AGENCY.communeA, caseId, 'planApproval', undefined, 'chair');
  return caseId;
}
