import type { Findings } from '../../workflows/case.machine';
import { FINDING_LABELS } from '../../workflows/labels';

/** The signs an operator or officer can tick, with their labels; each one can open a referral. */
export const FINDINGS = Object.entries(FINDING_LABELS) as Array<[keyof Findings, { vi: string; en: string }]>;
