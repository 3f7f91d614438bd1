/**
 * Vietnamese names and phone numbers as people write them down, brought to one form so that two
 * reports of the same child can be compared: tone marks optional, đ as d, family name first (Kinh,
 * Hmông, Thái) or last (Ê Đê), Thị/Văn middle names, southern and northern spellings of
 * one family name, and the 11-digit mobile numbers renumbered in 2018.
 */
import { foldForSearch } from './text';

/** Without marks, apostrophes or hyphens: "H'Hen" and "Hhen" are one spelling. */
export function foldName(text: string): string {
  return foldForSearch(text).replace(/['’‘`-]/g, '');
}

/** Lower case with its marks, or null when it was typed without any (then the marks are unknown, not different). */
export function markedName(text: string): string | null {
  const marked = text.normalize('NFC').toLowerCase().replace(/['’‘`-]/g, '').replace(/\s+/g, ' ').trim();
  return marked === foldName(text) ? null : marked;
}

/**
 * Kinh family names by their share of the population (approximate, from the 2009 census and
 * surname surveys), under one spelling for the variants that are one name: Huỳnh is the southern
 * Hoàng, Võ the southern Vũ. A shared Nguyễn says little; a shared Quách says much.
 */
const FAMILY_SHARES: Record<string, number> = {
  nguyen: 0.384, tran: 0.121, le: 0.095, pham: 0.07, hoang: 0.051, phan: 0.045, vu: 0.039, dang: 0.021,
  bui: 0.02, do: 0.014, ho: 0.013, ngo: 0.013, duong: 0.01, ly: 0.005, dinh: 0.005, truong: 0.005,
  lam: 0.004, mai: 0.004, trinh: 0.004, dao: 0.004, cao: 0.003, ha: 0.003, luong: 0.003, ta: 0.002,
  luu: 0.002, chu: 0.002, chau: 0.002, quach: 0.001, to: 0.001, thai: 0.001, kieu: 0.001, la: 0.001,
  // Hmông and Thái family names, written first like the Kinh ones.
  giang: 0.002, sung: 0.001, thao: 0.001, vang: 0.001, lau: 0.001, mua: 0.001, hau: 0.001,
  lo: 0.001, cam: 0.001, quang: 0.001, tong: 0.001, vi: 0.001, sinh: 0.0005, trang: 0.0005,
};

/** One name, two spellings. */
const FAMILY_VARIANTS: Record<string, string> = { huynh: 'hoang', vo: 'vu' };

/** Ê Đê family names, which come after the given name: "H'Hen Niê", "Y Moan Ênuôl". */
const FAMILY_LAST = new Set(['nie', 'eban', 'mlo', 'ayun', 'bya', 'ksor', 'hwing', 'adrong', 'knul', 'enuol', 'hdok', 'mdrang']);

/** Middle names that tell nothing about who the child is: they mark sex (Thị, Văn) or are near universal. */
const PLAIN_MIDDLES = new Set(['thi', 'van', 'a', 'mi', 'y', 'h']);

const DEFAULT_SHARE = 0.001;

export function familyShare(family: string): number {
  return FAMILY_SHARES[family] ?? DEFAULT_SHARE;
}

export interface ParsedName {
  /** The name a child is called by, folded. */
  given: string;
  /** The same with its marks, or null when typed without. */
  givenMarked: string | null;
  /** Folded, variants brought to one spelling; null for a one-word name. */
  family: string | null;
  /** Middle names that tell children apart (not Thị, Văn), folded. */
  middles: string[];
}

function isFamily(token: string): boolean {
  return token in FAMILY_SHARES || token in FAMILY_VARIANTS;
}

function canonicalFamily(token: string): string {
  return FAMILY_VARIANTS[token] ?? token;
}

/**
 * Splits a name into family, middle and given names. Kinh order is family first; an Ê Đê name (its family name known, or an H'/Y prefix) has it last; a name whose last word is a
 * family name and whose first is not was written in western order.
 */
export function parseName(name: string | null | undefined): ParsedName | null {
  if (!name) return null;
  const words = name.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const folded = words.map(foldName);
  const marked = words.map((w) => markedName(w));
  const at = (i: number) => ({ given: folded[i], givenMarked: marked[i] });
  if (words.length === 1) return { ...at(0), family: null, middles: [] };
  const last = folded.length - 1;
  const firstIsPrefix = /^(h['’‘`]|y$)/i.test(words[0]);
  const familyLast = FAMILY_LAST.has(folded[last]) || firstIsPrefix || (!isFamily(folded[0]) && isFamily(folded[last]));
  if (familyLast) {
    // Ê Đê: the given name comes first ("H'Hen Niê"); western order: the given name is last before the family ("Minh Anh Nguyen").
    const rest = folded.slice(0, last);
    const indigenous = FAMILY_LAST.has(folded[last]) || firstIsPrefix;
    const givenAt = indigenous ? (folded[0] === 'y' && rest.length > 1 ? 1 : 0) : rest.length - 1;
    return {
      ...at(givenAt),
      family: canonicalFamily(folded[last]),
      middles: rest.filter((w, i) => i !== givenAt && !PLAIN_MIDDLES.has(w)),
    };
  }
  return {
    ...at(last),
    family: canonicalFamily(folded[0]),
    middles: folded.slice(1, last).filter((w) => !PLAIN_MIDDLES.has(w)),
  };
}

/** The 2018 renumbering of 11-digit mobile numbers: old four-digit prefix → new three-digit one. */
const OLD_MOBILE_PREFIXES: Record<string, string> = {
  // Viettel
  '0162': '032', '0163': '033', '0164': '034', '0165': '035', '0166': '036', '0167': '037', '0168': '038', '0169': '039',
  // MobiFone
  '0120': '070', '0121': '079', '0122': '077', '0126': '076', '0128': '078',
  // VinaPhone
  '0123': '083', '0124': '084', '0125': '085', '0127': '081', '0129': '082',
  // Vietnamobile, Gmobile
  '0186': '056', '0188': '058', '0199': '059',
};

/**
 * A Vietnamese phone number as +84 followed by the national number, old mobile prefixes mapped to
 * today's; null when it cannot be a number (too short, too long).
 */
export function normalisePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  let digits = phone.replace(/[^0-9]/g, '');
  if (phone.trim().startsWith('+') || (digits.startsWith('84') && digits.length >= 11)) digits = `0${digits.slice(2)}`;
  if (!digits.startsWith('0')) digits = `0${digits}`;
  if (digits.length === 11 && OLD_MOBILE_PREFIXES[digits.slice(0, 4)]) digits = OLD_MOBILE_PREFIXES[digits.slice(0, 4)] + digits.slice(4);
  if (digits.length < 9 || digits.length > 11) return null;
  return `+84${digits.slice(1)}`;
}

/** Jaro–Winkler similarity (0–1), with the usual prefix scale of 0.1 over at most four letters. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j += 1) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i += 1) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j += 1;
    if (a[i] !== b[j]) transpositions += 1;
    j += 1;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix += 1;
  return jaro + prefix * 0.1 * (1 - jaro);
}
