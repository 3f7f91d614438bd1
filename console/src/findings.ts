import type { Findings } from '../../workflows/case.machine';

/** The signs an operator or officer can tick; each one can open a referral. */
export const FINDINGS: Array<[keyof Findings, string, string]> = [
  ['traffickingSigns', 'Dấu hiệu mua bán người', 'Signs of trafficking'],
  ['exploitationSigns', 'Dấu hiệu bóc lột', 'Signs of exploitation'],
  ['forcedLabour', 'Cưỡng bức lao động', 'Forced labour'],
  ['outOfSchool', 'Bỏ học', 'Out of school'],
  ['dropOutRisk', 'Nguy cơ bỏ học', 'At risk of dropping out'],
  ['harm', 'Bị tổn hại sức khỏe, tâm lý', 'Harm to health or mind'],
  ['poorHousehold', 'Hộ nghèo, cận nghèo', 'Poor or near-poor household'],
  ['noCaregiver', 'Không có người chăm sóc', 'No caregiver'],
  ['employerInvolved', 'Có người sử dụng lao động', 'An employer is involved'],
  ['separationNeeded', 'Cần tạm thời cách ly', 'Temporary separation needed'],
];
