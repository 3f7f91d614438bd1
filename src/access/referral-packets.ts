/**
 * Field-level policy: what of a case each agency sees. Declared here, in one place, for every field
 * of the case view, the intake form and the findings; the types make a new field a compile error
 * until someone decides, for each agency, whether it may see it.
 */
import { Findings } from '../../workflows/case.machine';
import { AgencyType, REFERRAL_KINDS, ReferralKind } from '../../workflows/policy';
import { CaseIntake } from '../cases/case-intake';
import { CaseViewDto } from '../cases/dto/case-view.dto';

/** show: as it is; own: only what concerns the agency's own referral and tasks; hide: left out. */
export type Visibility = 'show' | 'own' | 'hide';

export interface PacketPolicy {
  name: string;
  case: { [K in keyof CaseViewDto]-?: Visibility };
  intake: { [K in Exclude<keyof CaseIntake, 'child' | 'signs'>]-?: boolean } & {
    child: { [K in keyof CaseIntake['child']]-?: boolean };
  };
  findings: { [K in keyof Required<Findings>]-?: boolean };
}

const ALWAYS = { id: 'show', caseNumber: 'show', version: 'show', status: 'show', receivedAt: 'show', openedAt: 'show', closedAt: 'show' } as const;
const NO_FINDINGS: PacketPolicy['findings'] = {
  traffickingSigns: false, exploitationSigns: false, forcedLabour: false, outOfSchool: false, dropOutRisk: false, harm: false,
  poorHousehold: false, noCaregiver: false, employerInvolved: false, employerSector: false, separationNeeded: false,
};
const WHOLE_CHILD = { name: true, dateOfBirth: true, estimatedAgeYears: true, sex: true, ethnicity: true };
const NO_INTAKE: PacketPolicy['intake'] = {
  channel: false, receivedAt: false, category: false, location: false, condition: false, whereNow: false, takenBy: false, likelyHarm: false, caregivers: false, guardian: false,
  actionsTaken: false, reporter: false, work: false,
  child: { name: false, dateOfBirth: false, estimatedAgeYears: false, sex: false, ethnicity: false },
};
const PARTNER = {
  ...ALWAYS, stateValue: 'hide', states: 'own', waitingFor: 'own', allowedEvents: 'hide', referrals: 'own', tasks: 'own', history: 'own',
} as const;

export const PACKETS = {
  /** The commune and the lead agency run the case: everything. */
  caseManager: {
    name: 'caseManager',
    case: { ...ALWAYS, stateValue: 'show', states: 'show', waitingFor: 'show', allowedEvents: 'show', classification: 'show', findings: 'show', referrals: 'show', intake: 'show', tasks: 'show', history: 'show' },
    intake: { channel: true, receivedAt: true, category: true, location: true, condition: true, whereNow: true, takenBy: true, likelyHarm: true, caregivers: true, guardian: true, actionsTaken: true, reporter: true, work: true, child: WHOLE_CHILD },
    findings: { traffickingSigns: true, exploitationSigns: true, forcedLabour: true, outOfSchool: true, dropOutRisk: true, harm: true, poorHousehold: true, noCaregiver: true, employerInvolved: true, employerSector: true, separationNeeded: true },
  },
  /** The body that took the report: what it recorded, and whether the case moves. */
  receiver: {
    name: 'receiver',
    case: { ...ALWAYS, stateValue: 'hide', states: 'hide', waitingFor: 'own', allowedEvents: 'hide', classification: 'show', findings: 'hide', referrals: 'hide', intake: 'show', tasks: 'own', history: 'hide' },
    intake: { channel: true, receivedAt: true, category: true, location: true, condition: true, whereNow: true, takenBy: true, likelyHarm: true, caregivers: true, guardian: true, actionsTaken: true, reporter: true, work: true, child: WHOLE_CHILD },
    findings: NO_FINDINGS,
  },
  /** Police: the child, the facts of possible crimes, the reporter who agreed to be a witness. */
  police: {
    name: 'police',
    case: { ...PARTNER, classification: 'show', findings: 'show', intake: 'show' },
    intake: { channel: true, receivedAt: true, category: true, location: true, condition: true, whereNow: true, takenBy: true, likelyHarm: true, caregivers: true, guardian: true, actionsTaken: true, reporter: true, work: true, child: WHOLE_CHILD },
    findings: { ...NO_FINDINGS, traffickingSigns: true, exploitationSigns: true, forcedLabour: true, harm: true, employerInvolved: true, employerSector: true, separationNeeded: true },
  },
  /** School and education office: who the child is, how to reach the family, schooling needs. */
  education: {
    name: 'education',
    case: { ...PARTNER, classification: 'hide', findings: 'show', intake: 'show' },
    intake: { ...NO_INTAKE, location: true, caregivers: true, guardian: true, child: WHOLE_CHILD },
    findings: { ...NO_FINDINGS, outOfSchool: true, dropOutRisk: true, poorHousehold: true },
  },
  /** Health: the child, the harm, the work that caused it. */
  health: {
    name: 'health',
    case: { ...PARTNER, classification: 'show', findings: 'show', intake: 'show' },
    intake: { ...NO_INTAKE, location: true, condition: true, whereNow: true, likelyHarm: true, caregivers: true, guardian: true, actionsTaken: true, work: true, child: WHOLE_CHILD },
    findings: { ...NO_FINDINGS, harm: true, separationNeeded: true },
  },
  /** Shelter: the child, the danger, the family. */
  shelter: {
    name: 'shelter',
    case: { ...PARTNER, classification: 'hide', findings: 'show', intake: 'show' },
    intake: { ...NO_INTAKE, location: true, condition: true, whereNow: true, takenBy: true, likelyHarm: true, caregivers: true, guardian: true, actionsTaken: true, child: WHOLE_CHILD },
    findings: { ...NO_FINDINGS, harm: true, noCaregiver: true, separationNeeded: true },
  },
  /** Labour inspection of a farm: the work and the employer, not who the child is. */
  inspection: {
    name: 'inspection',
    case: { ...PARTNER, classification: 'show', findings: 'show', intake: 'show' },
    intake: { ...NO_INTAKE, location: true, work: true, child: { ...NO_INTAKE.child, estimatedAgeYears: true, sex: true } },
    findings: { ...NO_FINDINGS, employerInvolved: true, employerSector: true },
  },
  /** Everyone else with a task: the case number and their own steps. */
  minimal: {
    name: 'minimal',
    case: { ...PARTNER, classification: 'hide', findings: 'hide', intake: 'hide', history: 'hide' },
    intake: NO_INTAKE,
    findings: NO_FINDINGS,
  },
} satisfies Record<string, PacketPolicy>;

const BY_AGENCY: Record<AgencyType, PacketPolicy> = {
  COMMUNE_PC: PACKETS.caseManager,
  CULTURE_SOCIAL: PACKETS.caseManager,
  // The labour body inspects; where a province's chain makes it the lead, it gets the whole case as a manager.
  LABOUR_SOCIAL: PACKETS.inspection,
  HOTLINE_111: PACKETS.receiver,
  POLICE: PACKETS.police,
  EDUCATION: PACKETS.education,
  HEALTH: PACKETS.health,
  SOCIAL_WORK_CENTRE: PACKETS.shelter,
  AGRICULTURE: PACKETS.inspection,
  MASS_ORGS: PACKETS.minimal,
  RESIDENTIAL_GROUP: PACKETS.minimal,
  JUSTICE: PACKETS.minimal,
};

/** The packet an agency reads a case through: the whole case for the case's managers, else its type's. */
export function packetFor(agencyType: AgencyType, manages = false): PacketPolicy {
  return manages ? PACKETS.caseManager : BY_AGENCY[agencyType];
}

export type CasePacket = Partial<CaseViewDto> & { packet: string };

function pick<T extends object>(value: T, allowed: { [K in keyof T]?: boolean }): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => allowed[key as keyof T] === true)) as Partial<T>;
}

/** The view of a case one agency gets: the policy applied to every field. */
export function projectCase(view: CaseViewDto, policy: PacketPolicy, agencyId: string): CasePacket {
  const ownTasks = view.tasks.filter((task) => task.agencyId === agencyId);
  const ownReferrals = new Set(ownTasks.flatMap((task) => (task.referral ? [task.referral as ReferralKind] : [])));
  // A referral's region is the business of its agency alone; the separation, of the shelter's.
  const isOwnState = (path: string) => {
    const region = path.split('.')[1];
    if (region === 'separation') return ownReferrals.has('shelter');
    return !(REFERRAL_KINDS as readonly string[]).includes(region) || ownReferrals.has(region as ReferralKind);
  };
  const own: { [K in keyof CaseViewDto]?: () => CaseViewDto[K] } = {
    states: () => view.states.filter((state) => isOwnState(state.path)),
    waitingFor: () => view.waitingFor.filter((task) => task.agencyId === agencyId),
    tasks: () => ownTasks,
    referrals: () => pick(view.referrals, Object.fromEntries([...ownReferrals].map((kind) => [kind, true]))),
    history: () => view.history.filter((entry) => ownReferrals.has((entry.payload as { referral?: ReferralKind }).referral as ReferralKind)),
  };
  const packet: CasePacket = { packet: policy.name };
  for (const key of Object.keys(policy.case) as Array<keyof CaseViewDto>) {
    const visibility = policy.case[key];
    if (visibility === 'hide') continue;
    if (visibility === 'own') {
      const ownPart = own[key];
      if (!ownPart) throw new Error(`No "own" part is defined for ${key}`);
      (packet as Record<string, unknown>)[key] = ownPart();
    } else {
      (packet as Record<string, unknown>)[key] = view[key];
    }
  }
  if (packet.findings) packet.findings = pick(view.findings, policy.findings);
  if (packet.intake) {
    const { child, ...fields } = policy.intake;
    packet.intake = {
      ...pick(view.intake, fields),
      child: pick(view.intake.child, child),
      signs: pick(view.intake.signs, policy.findings),
    } as CaseIntake;
  }
  return packet;
}
