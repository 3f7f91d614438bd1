/**
 * The indicators the plans ask every commune and province to report, and how each is counted from
 * the cases' facts (`case-facts.ts`). Versioned like the policy table: a figure once submitted names
 * the registry version that computed it, and a new definition ships as a new version.
 *
 * Each indicator observes a case: no observation when the case does not belong in it for the period,
 * otherwise one per thing counted (a referral kind, a channel), each in or out of the numerator. The
 * denominator of a share is the number of observations.
 */
import { AGE_BANDS, CaseFacts, ReferralFacts } from './case-facts';
import { CHANNEL_LABELS, REFERRAL_LABELS, SEX_LABELS } from './labels';
import { Label, REFERRAL_KINDS, ReferralKind } from './policy';

export const INDICATORS_VERSION = '2026.1';

export interface Window {
  from: number;
  to: number;
}

export interface Observation {
  /** The indicator's own breakdown value (a channel, a referral kind, a reason). */
  value?: string;
  counted: boolean;
}

export const CHILD_BREAKDOWNS = ['sex', 'ageBand', 'ethnicity', 'commune'] as const;
export type ChildBreakdown = (typeof CHILD_BREAKDOWNS)[number];

export interface CaseIndicator {
  id: string;
  source: 'cases';
  label: Label;
  /** The plan clause it serves. */
  clause: string;
  /** `count`: how many; `share`: how many of how many. */
  measure: 'count' | 'share';
  /** What its own breakdown value is (`value` of its observations), if it has one. */
  valueBreakdown?: { id: string; label: Label; values: Readonly<Record<string, Label>> };
  target?: { share: number; label: Label };
  observe(facts: CaseFacts, window: Window): Observation[];
}

export interface ManualIndicator {
  id: string;
  source: 'manual';
  label: Label;
  clause: string;
  /** How communes' values add up at the province: summed, or not at all (a survey's rate). */
  consolidation: 'sum' | 'none';
  unit: Label;
  /** Largest acceptable value: a rate is at most 100. */
  max: number;
}

export type Indicator = CaseIndicator | ManualIndicator;

/** *Policy*: the police are told "at once" when they hear within this many hours of the signs. */
export const POLICE_AT_ONCE_HOURS = 2;
/** *Policy*: figures under this, other than 0, are suppressed in what leaves the commune. */
export const SMALL_CELL_THRESHOLD = 5;

const SUPPORT_KINDS = ['education', 'health', 'socialSupport', 'shelter'] as const satisfies readonly ReferralKind[];
const IN_SCHOOL_RESULTS = new Set(['returned_to_school', 'vocational_training']);

const within = (t: number | null, w: Window): t is number => t !== null && t >= w.from && t < w.to;
const one = (counted: boolean, value?: string): Observation[] => [{ value, counted }];
/** Most cases are not in most indicators: one shared empty answer spares an allocation each time. */
const NONE: Observation[] = Object.freeze([]) as unknown as Observation[];

const REFERRAL_BREAKDOWN = { id: 'referral', label: { vi: 'Cơ quan được chuyển gửi', en: 'Referred to' }, values: REFERRAL_LABELS };
const SUPPORT_BREAKDOWN = {
  id: 'support',
  label: { vi: 'Hình thức hỗ trợ', en: 'Kind of support' },
  values: Object.fromEntries(SUPPORT_KINDS.map((k) => [k, REFERRAL_LABELS[k]])),
};

function referralsWhere(facts: CaseFacts, kinds: readonly ReferralKind[], test: (r: ReferralFacts, kind: ReferralKind) => Observation | null): Observation[] {
  let found: Observation[] | null = null;
  for (const kind of kinds) {
    const observation = test(facts.referrals[kind], kind);
    if (observation) (found ??= []).push(observation);
  }
  return found ?? NONE;
}

/** A referral that missed a deadline in the window, or still waits at its end past one that fell in it. */
function overdueIn(r: ReferralFacts, w: Window): boolean {
  if (within(r.lateAt, w)) return true;
  const stillWaiting = r.completedAt === null || r.completedAt >= w.to;
  return r.lateAt === null && stillWaiting && within(r.dueAt, w);
}

export const CASE_INDICATORS: readonly CaseIndicator[] = [
  {
    id: 'children_reported',
    source: 'cases',
    label: { vi: 'Số trẻ em được thông báo, tố giác', en: 'Children reported' },
    clause: 'Nghị định 56/2017 Đ.25; Kế hoạch: tiếp nhận, xử lý 100% thông tin',
    measure: 'count',
    observe: (f, w) => (within(f.receivedAt, w) ? one(true) : NONE),
  },
  {
    id: 'reports_by_channel',
    source: 'cases',
    label: { vi: 'Số thông báo theo kênh tiếp nhận', en: 'Reports by channel' },
    clause: 'Kế hoạch: cơ chế tiếp nhận thông tin của người dân (trực tiếp, điện thoại, mạng xã hội)',
    measure: 'count',
    valueBreakdown: {
      id: 'channel',
      label: { vi: 'Kênh tiếp nhận', en: 'Channel' },
      values: CHANNEL_LABELS,
    },
    observe: (f, w) => (within(f.receivedAt, w) ? one(true, f.channel) : NONE),
  },
  {
    id: 'verified_within_12h',
    source: 'cases',
    label: { vi: 'Tỷ lệ vụ việc được xác minh, đánh giá nguy cơ trong 12 giờ', en: 'Cases verified within 12 hours' },
    clause: 'Nghị định 56/2017 Đ.25(2), 26(2)',
    measure: 'share',
    target: { share: 1, label: { vi: '100%', en: '100%' } },
    // Counted in the period its 12-hour clock ran out in, so a case reported late on the 14th counts in the next.
    observe: (f, w) => (within(f.verificationDueAt, w) ? one(f.verifiedAt !== null && f.verifiedAt <= f.verificationDueAt) : NONE),
  },
  {
    id: 'unlawful_child_labour',
    source: 'cases',
    label: { vi: 'Số trẻ em được xác định là lao động trẻ em trái quy định', en: 'Children found in unlawful child labour' },
    clause: 'Bộ luật Lao động 2019 Đ.143–147; Thông tư 09/2020/TT-BLĐTBXH',
    measure: 'count',
    observe: (f, w) => (within(f.unlawfulAt, w) ? one(true) : NONE),
  },
  {
    id: 'trafficking_cases',
    source: 'cases',
    label: { vi: 'Số vụ việc có dấu hiệu mua bán người, bóc lột', en: 'Cases with signs of trafficking or exploitation' },
    clause: 'Luật Phòng, chống mua bán người 2024; Bộ luật Hình sự Đ.151, 296',
    measure: 'count',
    observe: (f, w) => (within(f.traffickingAt, w) ? one(true) : NONE),
  },
  {
    id: 'police_told_at_once',
    source: 'cases',
    label: { vi: `Tỷ lệ vụ việc mua bán người, bóc lột được chuyển công an trong ${POLICE_AT_ONCE_HOURS} giờ`, en: `Trafficking or exploitation cases the police heard of within ${POLICE_AT_ONCE_HOURS} hours` },
    clause: 'Luật 53/2024/QH15 Đ.22; Nghị định 56/2017 Đ.26(1)',
    measure: 'share',
    target: { share: 1, label: { vi: '100%', en: '100%' } },
    observe: (f, w) =>
      within(f.traffickingAt, w)
        ? one(f.policeToldAt !== null && f.policeToldAt < w.to && f.policeToldAt - f.traffickingAt <= POLICE_AT_ONCE_HOURS * 3_600_000)
        : NONE,
  },
  {
    id: 'children_supported',
    source: 'cases',
    label: { vi: 'Số lượt trẻ em được hỗ trợ, can thiệp', en: 'Support given to children, by kind' },
    clause: 'Nghị định 56/2017 Đ.29; Kế hoạch: 100% trẻ em được hỗ trợ, can thiệp kịp thời',
    measure: 'count',
    valueBreakdown: SUPPORT_BREAKDOWN,
    observe: (f, w) => referralsWhere(f, SUPPORT_KINDS, (r, kind) => (within(r.completedAt, w) ? { value: kind, counted: true } : null)),
  },
  {
    id: 'supported_in_time',
    source: 'cases',
    label: { vi: 'Tỷ lệ hỗ trợ, can thiệp đúng hạn', en: 'Support given in time' },
    clause: 'Kế hoạch: 100% trẻ em được hỗ trợ, can thiệp kịp thời',
    measure: 'share',
    valueBreakdown: SUPPORT_BREAKDOWN,
    target: { share: 1, label: { vi: '100%', en: '100%' } },
    observe: (f, w) => referralsWhere(f, SUPPORT_KINDS, (r, kind) => (within(r.completedAt, w) ? { value: kind, counted: r.lateAt === null } : null)),
  },
  {
    id: 'back_in_school',
    source: 'cases',
    label: { vi: 'Tỷ lệ trẻ em được trở lại học văn hóa hoặc học nghề', en: 'Children back in school or vocational training' },
    clause: 'Kế hoạch: trên 90% (phường 2026–2030: trên 95%) trẻ em được tiếp cận giáo dục, học nghề',
    measure: 'share',
    target: { share: 0.95, label: { vi: 'trên 95%', en: 'over 95%' } },
    observe: (f, w) => {
      const education = f.referrals.education;
      return within(education.completedAt, w) ? one(education.result !== null && IN_SCHOOL_RESULTS.has(education.result)) : NONE;
    },
  },
  {
    id: 'referrals_opened',
    source: 'cases',
    label: { vi: 'Số lượt chuyển gửi theo cơ quan', en: 'Referrals by agency' },
    clause: 'Nghị định 56/2017 Đ.29',
    measure: 'count',
    valueBreakdown: REFERRAL_BREAKDOWN,
    observe: (f, w) => referralsWhere(f, REFERRAL_KINDS, (r, kind) => (within(r.openedAt, w) ? { value: kind, counted: true } : null)),
  },
  {
    id: 'referrals_accepted',
    source: 'cases',
    label: { vi: 'Số lượt chuyển gửi được tiếp nhận', en: 'Referrals accepted' },
    clause: 'Nghị định 56/2017 Đ.29',
    measure: 'count',
    valueBreakdown: REFERRAL_BREAKDOWN,
    observe: (f, w) => referralsWhere(f, REFERRAL_KINDS, (r, kind) => (within(r.acceptedAt, w) ? { value: kind, counted: true } : null)),
  },
  {
    id: 'referrals_declined',
    source: 'cases',
    label: { vi: 'Số lượt chuyển gửi bị từ chối', en: 'Referrals declined' },
    clause: 'Quy trình: từ chối phải nêu lý do, trả về cơ quan chủ trì',
    measure: 'count',
    valueBreakdown: REFERRAL_BREAKDOWN,
    observe: (f, w) => referralsWhere(f, REFERRAL_KINDS, (r, kind) => (within(r.declinedAt, w) ? { value: kind, counted: true } : null)),
  },
  {
    id: 'referrals_overdue',
    source: 'cases',
    label: { vi: 'Số lượt chuyển gửi quá hạn', en: 'Referrals overdue' },
    clause: 'Quy trình: không bước nào quá hạn mà không ai biết',
    measure: 'count',
    valueBreakdown: REFERRAL_BREAKDOWN,
    observe: (f, w) => referralsWhere(f, REFERRAL_KINDS, (r, kind) => (overdueIn(r, w) ? { value: kind, counted: true } : null)),
  },
  {
    id: 'under_follow_up',
    source: 'cases',
    label: { vi: 'Số trẻ em đang được theo dõi, quản lý (cuối kỳ)', en: 'Children under follow-up at the end of the period' },
    clause: 'Nghị định 56/2017 Đ.30; Kế hoạch: được quản lý, theo dõi',
    measure: 'count',
    observe: (f, w) => (f.followUpAt !== null && f.followUpAt < w.to && (f.closedAt === null || f.closedAt >= w.to) ? one(true) : NONE),
  },
  {
    id: 'closures_by_reason',
    source: 'cases',
    label: { vi: 'Số hồ sơ được đóng, theo lý do', en: 'Cases closed, by reason' },
    clause: 'Nghị định 56/2017 Đ.30 (Mẫu số 06)',
    measure: 'count',
    valueBreakdown: {
      id: 'reason',
      label: { vi: 'Lý do đóng', en: 'Reason' },
      values: {
        resolved: { vi: 'Trẻ đã an toàn, ổn định', en: 'Child safe and stable' },
        unfounded: { vi: 'Thông tin không có cơ sở', en: 'Report unfounded' },
      },
    },
    observe: (f, w) => (within(f.closedAt, w) ? one(true, f.closureReason ?? 'resolved') : NONE),
  },
];

export const MANUAL_INDICATORS: readonly ManualIndicator[] = [
  {
    id: 'awareness_children_reached',
    source: 'manual',
    label: { vi: 'Số lượt trẻ em, cha mẹ được truyền thông, nâng cao nhận thức', en: 'Children and parents reached by awareness sessions' },
    clause: 'Kế hoạch: truyền thông nâng cao nhận thức',
    consolidation: 'sum',
    unit: { vi: 'lượt người', en: 'people' },
    max: 10_000_000,
  },
  {
    id: 'officials_trained',
    source: 'manual',
    label: { vi: 'Số lượt cán bộ được tập huấn', en: 'Officials trained' },
    clause: 'Kế hoạch: nâng cao năng lực cán bộ',
    consolidation: 'sum',
    unit: { vi: 'lượt người', en: 'people' },
    max: 1_000_000,
  },
  {
    id: 'child_labour_rate_survey',
    source: 'manual',
    label: { vi: 'Tỷ lệ lao động trẻ em (theo điều tra)', en: 'Child-labour rate (from a survey)' },
    clause: 'Kế hoạch: giảm tỷ lệ lao động trẻ em',
    consolidation: 'none',
    unit: { vi: '%', en: '%' },
    max: 100,
  },
];

export const INDICATORS: readonly Indicator[] = [...CASE_INDICATORS, ...MANUAL_INDICATORS];

export const BREAKDOWN_LABELS: Record<ChildBreakdown, Label> = {
  sex: { vi: 'Giới tính', en: 'Sex' },
  ageBand: { vi: 'Nhóm tuổi', en: 'Age band' },
  ethnicity: { vi: 'Dân tộc', en: 'Ethnicity' },
  commune: { vi: 'Xã, phường', en: 'Commune' },
};

export const VALUE_LABELS: Partial<Record<ChildBreakdown, Readonly<Record<string, Label>>>> = {
  sex: SEX_LABELS,
  ageBand: Object.fromEntries(
    AGE_BANDS.map((band) => [band, band === 'other' ? { vi: 'Khác, không rõ', en: 'Other or unknown' } : { vi: `${band.replace('-', '–')} tuổi`, en: `${band.replace('-', '–')} years` }]),
  ),
};

/** A figure: how many (and of how many, for a share). */
export interface Cell {
  numerator: number;
  denominator?: number;
}

export interface IndicatorFigures {
  id: string;
  total: Cell;
  /** Breakdown id → value → cell: the child's (sex, age band, ethnicity, commune) and the indicator's own. */
  breakdowns: Record<string, Record<string, Cell>>;
}

function add(cells: Record<string, Cell>, key: string, counted: boolean, share: boolean): void {
  const cell = (cells[key] ??= share ? { numerator: 0, denominator: 0 } : { numerator: 0 });
  if (counted) cell.numerator += 1;
  if (share) cell.denominator = (cell.denominator ?? 0) + 1;
}

/** Every case indicator over the facts of a period's cases: the figures a report holds. */
export function computeIndicators(facts: Iterable<CaseFacts>, window: Window, indicators: readonly CaseIndicator[] = CASE_INDICATORS): IndicatorFigures[] {
  const figures = indicators.map((indicator) => ({
    indicator,
    share: indicator.measure === 'share',
    out: {
      id: indicator.id,
      total: indicator.measure === 'share' ? { numerator: 0, denominator: 0 } : { numerator: 0 },
      breakdowns: Object.fromEntries([...CHILD_BREAKDOWNS, ...(indicator.valueBreakdown ? [indicator.valueBreakdown.id] : [])].map((b) => [b, {}])),
    } as IndicatorFigures,
  }));
  for (const f of facts) {
    for (const { indicator, share, out } of figures) {
      for (const observation of indicator.observe(f, window)) {
        const { total, breakdowns } = out;
        if (observation.counted) total.numerator += 1;
        if (share) total.denominator = (total.denominator ?? 0) + 1;
        add(breakdowns.sex, f.sex, observation.counted, share);
        add(breakdowns.ageBand, f.ageBand, observation.counted, share);
        add(breakdowns.ethnicity, f.ethnicity, observation.counted, share);
        add(breakdowns.commune, f.communeCode, observation.counted, share);
        if (indicator.valueBreakdown && observation.value !== undefined) add(breakdowns[indicator.valueBreakdown.id], observation.value, observation.counted, share);
      }
    }
  }
  return figures.map((f) => f.out);
}

function addCell(into: Cell, cell: Cell): Cell {
  return {
    numerator: into.numerator + cell.numerator,
    ...(into.denominator !== undefined || cell.denominator !== undefined ? { denominator: (into.denominator ?? 0) + (cell.denominator ?? 0) } : {}),
  };
}

/** The cell-by-cell sum of several reports' figures: a province's consolidation of its communes'. */
export function sumFigures(reports: ReadonlyArray<readonly IndicatorFigures[]>): IndicatorFigures[] {
  const sums = new Map<string, IndicatorFigures>();
  for (const report of reports) {
    for (const figures of report) {
      const sum = sums.get(figures.id);
      if (!sum) {
        sums.set(figures.id, structuredClone(figures));
        continue;
      }
      sum.total = addCell(sum.total, figures.total);
      for (const [breakdown, cells] of Object.entries(figures.breakdowns)) {
        const into = (sum.breakdowns[breakdown] ??= {});
        for (const [value, cell] of Object.entries(cells)) into[value] = into[value] ? addCell(into[value], cell) : { ...cell };
      }
    }
  }
  return [...sums.values()];
}

/** A figure as it may leave the commune: the count, or suppressed (a small cell, or one that would reveal it). */
export type ShownCell = { numerator: number | null; denominator?: number | null; suppressed: boolean };

const small = (n: number | undefined, threshold: number) => n !== undefined && n > 0 && n < threshold;

/**
 * Suppresses small cells: any count (or denominator) from 1 to the threshold − 1. Where a breakdown
 * would then hide exactly one cell, the next smallest non-zero cell is hidden too, so that the total
 * cannot give the hidden one back.
 */
export function suppressSmallCells(figures: IndicatorFigures, threshold = SMALL_CELL_THRESHOLD): { total: ShownCell; breakdowns: Record<string, Record<string, ShownCell>> } {
  const hide = (cell: Cell): boolean => small(cell.numerator, threshold) || small(cell.denominator, threshold);
  const show = (cell: Cell, hidden: boolean): ShownCell =>
    hidden
      ? { numerator: null, ...(cell.denominator !== undefined ? { denominator: null } : {}), suppressed: true }
      : { numerator: cell.numerator, ...(cell.denominator !== undefined ? { denominator: cell.denominator } : {}), suppressed: false };
  const breakdowns: Record<string, Record<string, ShownCell>> = {};
  for (const [id, cells] of Object.entries(figures.breakdowns)) {
    const entries = Object.entries(cells);
    const hidden = new Set(entries.filter(([, cell]) => hide(cell)).map(([value]) => value));
    if (hidden.size === 1) {
      const next = entries
        .filter(([value, cell]) => !hidden.has(value) && (cell.denominator ?? cell.numerator) > 0)
        .sort(([, a], [, b]) => (a.denominator ?? a.numerator) - (b.denominator ?? b.numerator))[0];
      if (next) hidden.add(next[0]);
    }
    breakdowns[id] = Object.fromEntries(entries.map(([value, cell]) => [value, show(cell, hidden.has(value))]));
  }
  return { total: show(figures.total, hide(figures.total)), breakdowns };
}
