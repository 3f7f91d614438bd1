/**
 * Is this report about a child already on a case? Each report is reduced to a profile (folded
 * names, birth, sex, place, guardian, phones) and two profiles are compared field by field. Each
 * field adds or takes away evidence (log-odds, Fellegi–Sunter style), so that the score says how
 * likely the two are one child and the evidence says why. A shared Nguyễn counts for little, a
 * rare family name for much; tone marks count only where both reports typed them.
 *
 * Candidates are found through keys (the given name and its one-letter-off forms, phone numbers,
 * the date of birth), never by reading every case.
 */
import { DUPLICATE_THRESHOLDS, Label } from './policy';
import { familyShare, foldName, jaroWinkler, normalisePhone, parseName } from './vietnamese-names';

export interface ReportedChild {
  receivedAt: string;
  location: { provinceCode: string; communeCode: string };
  child: { name: string | null; dateOfBirth: string | null; estimatedAgeYears: number | null; sex: string };
  guardian: { name: string | null; phone: string | null } | null;
  reporterPhone: string | null;
}

/** What a report says of its child, in the form the comparison reads. Personal data: kept beside the case, never logged. */
export interface ChildProfile {
  given: string | null;
  givenMarked: string | null;
  family: string | null;
  middles: string[];
  dateOfBirth: string | null;
  /** Age when reported: from the date of birth, or the caller's estimate. */
  ageYears: number | null;
  receivedAt: string;
  sex: string;
  provinceCode: string;
  communeCode: string;
  guardian: string | null;
  phones: string[];
  /** The caller's own number, which their caller profile is kept under (absent from profiles kept before). */
  callerPhone?: string | null;
}

function ageAt(dateOfBirth: string, on: Date): number {
  const born = new Date(`${dateOfBirth}T00:00:00Z`);
  const birthday = on.getUTCMonth() > born.getUTCMonth() || (on.getUTCMonth() === born.getUTCMonth() && on.getUTCDate() >= born.getUTCDate());
  return on.getUTCFullYear() - born.getUTCFullYear() - (birthday ? 0 : 1);
}

export function childProfile(report: ReportedChild): ChildProfile {
  const name = parseName(report.child.name);
  const phones = [report.guardian?.phone, report.reporterPhone].map(normalisePhone).filter((p): p is string => p !== null);
  const dob = report.child.dateOfBirth;
  return {
    given: name?.given ?? null,
    givenMarked: name?.givenMarked ?? null,
    family: name?.family ?? null,
    middles: name?.middles ?? [],
    dateOfBirth: dob,
    ageYears: dob ? ageAt(dob, new Date(report.receivedAt)) : report.child.estimatedAgeYears,
    receivedAt: report.receivedAt,
    sex: report.child.sex,
    provinceCode: report.location.provinceCode,
    communeCode: report.location.communeCode,
    guardian: report.guardian?.name ? foldName(report.guardian.name) : null,
    phones: [...new Set(phones)],
    callerPhone: normalisePhone(report.reporterPhone),
  };
}

/** Caller profiles are national: a caller's reports are found in every province, under this key. */
export const CALLER_AREA = '*';

export function callerKey(phone: string): string {
  return `r:${phone}`;
}

/** A name and every form of it with one letter left out. */
function withOneLetterOut(name: string): string[] {
  const forms = new Set([name]);
  if (name.length >= 3) for (let i = 0; i < name.length; i += 1) forms.add(`${name.slice(0, i)}${name.slice(i + 1)}`);
  return [...forms];
}

/** One letter changed, added or left out: the two share a form with one letter left out. */
function oneLetterApart(a: string, b: string): boolean {
  const forms = new Set(withOneLetterOut(a));
  return withOneLetterOut(b).some((form) => forms.has(form));
}

/** The given name's keys: two names one letter apart share one. */
function nameKeys(given: string): string[] {
  return withOneLetterOut(given).map((form) => `g:${form}`);
}

/**
 * The index keys a profile is found by (within its province). A common given name is shared by
 * thousands in a province: the given name with the commune, and with the family name, rank the
 * cases that share more than the name first.
 */
export function matchKeys(profile: ChildProfile): string[] {
  return [
    ...(profile.given ? nameKeys(profile.given) : []),
    ...(profile.given ? [`c:${profile.communeCode}|${profile.given}`] : []),
    ...(profile.given && profile.family ? [`n:${profile.family}|${profile.given}`] : []),
    ...profile.phones.map((phone) => `p:${phone}`),
    ...(profile.dateOfBirth ? [`d:${profile.dateOfBirth}`] : []),
  ];
}

/**
 * How much sharing a key says, for ranking the cases a lookup weighs: a phone or a birth date is
 * shared by few, a given name in the commune or with the family name by some, a given name (or a
 * one-letter-off form of it) by many.
 */
export function keyWeight(key: string): number {
  switch (key.slice(0, 2)) {
    case 'p:':
      return 20;
    case 'd:':
    case 'c:':
      return 10;
    case 'n:':
      return 5;
    default:
      return 1;
  }
}

export const MATCH_FIELDS = ['givenName', 'familyName', 'middleName', 'birth', 'sex', 'place', 'guardian', 'phone'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];
export const AGREEMENTS = ['same', 'close', 'differs'] as const;
export type Agreement = (typeof AGREEMENTS)[number];

export interface Evidence {
  field: MatchField;
  agreement: Agreement;
  /** Log-odds this field adds (or takes away). */
  weight: number;
}

export const MATCH_FIELD_LABELS: Record<MatchField, Label> = {
  givenName: { vi: 'Tên', en: 'Given name' },
  familyName: { vi: 'Họ', en: 'Family name' },
  middleName: { vi: 'Tên đệm', en: 'Middle name' },
  birth: { vi: 'Ngày sinh, tuổi', en: 'Birth date, age' },
  sex: { vi: 'Giới tính', en: 'Sex' },
  place: { vi: 'Nơi xảy ra', en: 'Place' },
  guardian: { vi: 'Người giám hộ', en: 'Guardian' },
  phone: { vi: 'Số điện thoại', en: 'Phone number' },
};

export const AGREEMENT_LABELS: Record<Agreement, Label> = {
  same: { vi: 'Trùng', en: 'Same' },
  close: { vi: 'Gần giống', en: 'Close' },
  differs: { vi: 'Khác', en: 'Differs' },
};

/**
 * Log-odds before any field is read: two reports from one province are rarely one child. The
 * weights below were set against the labelled pairs in workflows/name-pairs.fixture.ts.
 */
const PRIOR = -6;
const YEAR_MS = 365.25 * 86_400_000;

function givenName(a: ChildProfile, b: ChildProfile): Evidence | null {
  if (!a.given || !b.given) return null;
  const similarity = jaroWinkler(a.given, b.given);
  if (similarity === 1) {
    // Hà and Hạ fold alike; only when both were typed with their marks do the marks tell them apart.
    const marksDiffer = a.givenMarked !== null && b.givenMarked !== null && a.givenMarked !== b.givenMarked;
    return marksDiffer ? { field: 'givenName', agreement: 'close', weight: 0.5 } : { field: 'givenName', agreement: 'same', weight: 4 };
  }
  if (similarity >= 0.9 || oneLetterApart(a.given, b.given)) return { field: 'givenName', agreement: 'close', weight: 1.5 };
  return { field: 'givenName', agreement: 'differs', weight: -4 };
}

function familyName(a: ChildProfile, b: ChildProfile): Evidence | null {
  if (!a.family || !b.family) return null;
  if (a.family === b.family) return { field: 'familyName', agreement: 'same', weight: Math.min(3, 0.6 * Math.log(1 / familyShare(a.family))) };
  if (jaroWinkler(a.family, b.family) >= 0.9) return { field: 'familyName', agreement: 'close', weight: 0.3 };
  return { field: 'familyName', agreement: 'differs', weight: -3 };
}

function middleName(a: ChildProfile, b: ChildProfile): Evidence | null {
  if (a.middles.length === 0 || b.middles.length === 0) return null;
  return a.middles.some((m) => b.middles.includes(m)) ? { field: 'middleName', agreement: 'same', weight: 0.7 } : { field: 'middleName', agreement: 'differs', weight: -0.7 };
}

function birth(a: ChildProfile, b: ChildProfile): Evidence | null {
  if (a.dateOfBirth && b.dateOfBirth) {
    if (a.dateOfBirth === b.dateOfBirth) return { field: 'birth', agreement: 'same', weight: 4 };
    const [ay, am, ad] = a.dateOfBirth.split('-');
    const [by, bm, bd] = b.dateOfBirth.split('-');
    // Day and month swapped, the day or the month mistyped, or the year one off.
    const swapped = ay === by && am === bd && ad === bm;
    const oneOff = ay === by ? am === bm || ad === bd : am === bm && ad === bd && Math.abs(Number(ay) - Number(by)) === 1;
    if (swapped || oneOff) return { field: 'birth', agreement: 'close', weight: 1.5 };
    return { field: 'birth', agreement: 'differs', weight: -4 };
  }
  if (a.ageYears === null || b.ageYears === null) return null;
  // An age is the age when that report came in: bring one to the other's date.
  const years = (new Date(b.receivedAt).getTime() - new Date(a.receivedAt).getTime()) / YEAR_MS;
  const gap = Math.abs(a.ageYears + years - b.ageYears);
  if (gap < 1) return { field: 'birth', agreement: 'same', weight: 1.2 };
  if (gap < 2) return { field: 'birth', agreement: 'close', weight: 0.3 };
  return { field: 'birth', agreement: 'differs', weight: gap < 3 ? -1.5 : -4 };
}

function sex(a: ChildProfile, b: ChildProfile): Evidence | null {
  if (a.sex === 'unknown' || b.sex === 'unknown') return null;
  return a.sex === b.sex ? { field: 'sex', agreement: 'same', weight: 0.3 } : { field: 'sex', agreement: 'differs', weight: -4 };
}

function place(sameCommune: boolean): Evidence {
  return sameCommune ? { field: 'place', agreement: 'same', weight: 1.5 } : { field: 'place', agreement: 'close', weight: 0 };
}

function guardian(a: ChildProfile, b: ChildProfile): Evidence | null {
  if (!a.guardian || !b.guardian) return null;
  return jaroWinkler(a.guardian, b.guardian) >= 0.93 ? { field: 'guardian', agreement: 'same', weight: 1.5 } : { field: 'guardian', agreement: 'differs', weight: -0.5 };
}

function phone(a: ChildProfile, b: ChildProfile): Evidence | null {
  return a.phones.some((p) => b.phones.includes(p)) ? { field: 'phone', agreement: 'same', weight: 3 } : null;
}

export type MatchLevel = 'likely' | 'possible';

export interface Match {
  score: number;
  level: MatchLevel | null;
  evidence: Evidence[];
}

export function matchLevel(score: number, thresholds: { likely: number; possible: number } = DUPLICATE_THRESHOLDS): MatchLevel | null {
  return score >= thresholds.likely ? 'likely' : score >= thresholds.possible ? 'possible' : null;
}

/**
 * How likely two reports are of one child (0–1), and the evidence. `sameCommune` comes from the
 * caller, which knows the communes merged into one another.
 */
export function compareChildren(a: ChildProfile, b: ChildProfile, sameCommune: boolean): Match {
  const evidence = [givenName(a, b), familyName(a, b), middleName(a, b), birth(a, b), sex(a, b), place(sameCommune), guardian(a, b), phone(a, b)].filter(
    (e): e is Evidence => e !== null,
  );
  // The place, the sex and a guessed age in common are no evidence of one child.
  const identifying = evidence.some((e) => e.weight > 0 && !(e.field === 'place' || e.field === 'sex' || (e.field === 'birth' && e.agreement !== 'same')) && !(e.field === 'birth' && !a.dateOfBirth));
  const logOdds = PRIOR + evidence.reduce((sum, e) => sum + e.weight, 0);
  const score = identifying ? Math.round((1 / (1 + Math.exp(-logOdds))) * 1000) / 1000 : 0;
  return { score, level: matchLevel(score), evidence };
}
