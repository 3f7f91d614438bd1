import { applyFactChange, CaseFacts, factChange, openingFacts } from './case-facts';
import { caseContext } from './case-events.fixture';
import { CaseContext } from './case.machine';
import { CASE_INDICATORS, computeIndicators, INDICATORS, sumFigures, suppressSmallCells } from './indicators';
import { periodsAt, reportDueAt, reportingPeriod, reportSchedule } from './reporting-periods';

const local = (at: string) => new Date(`${at}+07:00`);
const H = 3_600_000;

function facts(overrides: Partial<CaseFacts> = {}): CaseFacts {
  const base = openingFacts({
    caseId: overrides.caseId ?? 'c',
    provinceCode: '12',
    communeCode: '03390',
    receivedAt: local('2026-03-02T08:00:00'),
    sex: 'female',
    ageYears: 14,
    ethnicity: 'Thái',
    channel: 'hotline_111',
    category: 'at_risk',
    verificationHours: 12,
  });
  return { ...base, ...overrides, referrals: { ...base.referrals, ...(overrides.referrals ?? {}) } };
}

const H1 = reportingPeriod('2026-H1')!;
const W = { from: H1.from.getTime(), to: H1.to.getTime() };
const figure = (all: ReturnType<typeof computeIndicators>, id: string) => all.find((f) => f.id === id)!;

describe('Reporting periods (Decree 09/2019 art. 12: 15th to 14th)', () => {
  it('cuts the half year and the year off on the 14th, Vietnam time', () => {
    expect(H1).toMatchObject({ firstDay: '2025-12-15', lastDay: '2026-06-14' });
    expect(H1.from.toISOString()).toBe('2025-12-14T17:00:00.000Z');
    expect(H1.to.toISOString()).toBe('2026-06-14T17:00:00.000Z');
    expect(reportingPeriod('2026-Y')).toMatchObject({ firstDay: '2025-12-15', lastDay: '2026-12-14' });
    expect(periodsAt(local('2026-06-14T23:59:59')).map((p) => p.id)).toEqual(['2026-H1', '2026-Y']);
    expect(periodsAt(local('2026-06-15T00:00:00')).map((p) => p.id)).toEqual(['2026-Y']);
    expect(periodsAt(local('2026-12-15T00:00:00')).map((p) => p.id)).toEqual(['2027-H1', '2027-Y']);
  });

  it('refuses ids that name no period', () => {
    for (const id of ['2026-H2', '2026', '26-H1', '1999-Y', '2026-Y ', '']) expect(reportingPeriod(id)).toBeNull();
  });

  it('takes each plan’s due dates from its schedule, at the end of the named day', () => {
    expect(reportDueAt(H1, 'commune').toISOString()).toBe(local('2026-06-16T00:00:00').toISOString());
    expect(reportDueAt(H1, 'commune', reportSchedule('district-10-june')).toISOString()).toBe(local('2026-06-10T00:00:00').toISOString());
    expect(reportDueAt(reportingPeriod('2026-Y')!, 'commune', reportSchedule('commune-31-may')).toISOString()).toBe(local('2026-12-01T00:00:00').toISOString());
    expect(reportSchedule('unknown').id).toBe('ward-2026-2030');
  });
});

describe('Case facts: the fold of a case’s history the reports count', () => {
  const context = (overrides: Partial<CaseContext> = {}): CaseContext => caseContext(local('2026-03-02T08:00:00').toISOString(), overrides);

  it('keeps the first time of what is counted, and marks a referral late when its step is done after its deadline', () => {
    const opened = local('2026-03-02T08:00:00');
    let f = facts();
    const police = { to: ['POLICE' as const], agencyId: null, openedAt: opened.toISOString(), clockFrom: opened.toISOString(), declines: [], outcome: null, result: null, extendedUntil: null };
    f = applyFactChange(f, factChange({ type: 'CASE_OPENED' }, opened, context({ findings: { traffickingSigns: true }, referrals: { police } }), 'intake', [{ referral: 'police', dueAt: opened.getTime() + 24 * H }], []));
    expect(f).toMatchObject({ traffickingAt: opened.getTime(), policeToldAt: opened.getTime() });
    expect(f.referrals.police).toMatchObject({ openedAt: opened.getTime(), dueAt: opened.getTime() + 24 * H, lateAt: null });

    const verified = new Date(opened.getTime() + 4 * H);
    f = applyFactChange(f, factChange({ type: 'VERIFICATION_COMPLETED' }, verified, context({ findings: { traffickingSigns: true }, referrals: { police } }), 'specificAssessment', [], []));
    expect(f.verifiedAt).toBe(verified.getTime());
    expect(f.traffickingAt).toBe(opened.getTime());

    const accepted = new Date(opened.getTime() + 30 * H);
    f = applyFactChange(f, factChange({ type: 'REFERRAL_ACCEPTED', referral: 'police' }, accepted, context({ referrals: { police } }), 'specificAssessment', [{ referral: 'police', dueAt: accepted.getTime() + 72 * H }], ['police']));
    expect(f.referrals.police).toMatchObject({ acceptedAt: accepted.getTime(), lateAt: opened.getTime() + 24 * H, dueAt: accepted.getTime() + 72 * H });

    const done = new Date(accepted.getTime() + 10 * H);
    f = applyFactChange(f, factChange({ type: 'REFERRAL_COMPLETED', referral: 'police', result: 'prosecution_opened' }, done, context({ referrals: { police } }), 'specificAssessment', [], ['police']));
    expect(f.referrals.police).toMatchObject({ completedAt: done.getTime(), result: 'prosecution_opened', dueAt: null, lateAt: opened.getTime() + 24 * H });
  });

  it('clears a closure when the case is reopened', () => {
    const at = local('2026-04-01T08:00:00');
    let f = applyFactChange(facts(), factChange({ type: 'CLOSURE_APPROVED' }, at, context({ closure: { reason: 'resolved', at: at.toISOString() } }), 'closed', [], []));
    expect(f).toMatchObject({ closedAt: at.getTime(), closureReason: 'resolved' });
    f = applyFactChange(f, factChange({ type: 'REOPENED' }, new Date(at.getTime() + H), context(), 'verification', [], []));
    expect(f).toMatchObject({ closedAt: null, closureReason: null });
  });
});

describe('Indicators', () => {
  it('are registered once each, with a label in both languages and the plan clause they serve', () => {
    expect(new Set(INDICATORS.map((i) => i.id)).size).toBe(INDICATORS.length);
    for (const indicator of INDICATORS) {
      expect(indicator.label.vi).not.toBe(indicator.label.en);
      expect(indicator.clause.length).toBeGreaterThan(5);
    }
  });

  it('count the 12-hour verification in the period its clock ran out in', () => {
    const lateOnThe14th = facts({ caseId: 'x', receivedAt: local('2026-06-14T20:00:00').getTime(), verificationDueAt: local('2026-06-15T08:00:00').getTime(), verifiedAt: local('2026-06-15T05:00:00').getTime() });
    const inTime = facts({ caseId: 'y', verifiedAt: local('2026-03-02T11:00:00').getTime() });
    const late = facts({ caseId: 'z', verifiedAt: local('2026-03-03T09:00:00').getTime() });
    const all = computeIndicators([lateOnThe14th, inTime, late], W);
    expect(figure(all, 'children_reported').total).toEqual({ numerator: 3 });
    expect(figure(all, 'verified_within_12h').total).toEqual({ numerator: 1, denominator: 2 });
    const year = reportingPeriod('2026-Y')!;
    expect(figure(computeIndicators([lateOnThe14th], { from: year.from.getTime(), to: year.to.getTime() }), 'verified_within_12h').total).toEqual({ numerator: 1, denominator: 1 });
  });

  it('count referrals overdue at the period’s end, and support given in time or not', () => {
    const base = facts().referrals;
    const waitingPastDue = facts({ caseId: 'a', referrals: { ...base, police: { ...base.police, openedAt: W.from + H, dueAt: W.from + 25 * H } } });
    const doneLate = facts({ caseId: 'b', referrals: { ...base, health: { ...base.health, openedAt: W.from + H, completedAt: W.from + 90 * H, lateAt: W.from + 25 * H } } });
    const doneInTime = facts({ caseId: 'c', referrals: { ...base, health: { ...base.health, openedAt: W.from + H, completedAt: W.from + 20 * H } } });
    const all = computeIndicators([waitingPastDue, doneLate, doneInTime], W);
    expect(figure(all, 'referrals_overdue').breakdowns.referral).toEqual({ police: { numerator: 1 }, health: { numerator: 1 } });
    expect(figure(all, 'supported_in_time').breakdowns.support).toEqual({ health: { numerator: 1, denominator: 2 } });
    expect(figure(all, 'children_supported').total).toEqual({ numerator: 2 });
  });

  it('count children under follow-up at the end of the period, not those closed before it', () => {
    const following = facts({ caseId: 'a', followUpAt: W.from + H });
    const closedInside = facts({ caseId: 'b', followUpAt: W.from + H, closedAt: W.to - H, closureReason: 'resolved' });
    const closedAfter = facts({ caseId: 'c', followUpAt: W.from + H, closedAt: W.to + H, closureReason: 'resolved' });
    const all = computeIndicators([following, closedInside, closedAfter], W);
    expect(figure(all, 'under_follow_up').total).toEqual({ numerator: 2 });
    expect(figure(all, 'closures_by_reason').breakdowns.reason).toEqual({ resolved: { numerator: 1 } });
  });

  it('add up cell by cell across communes', () => {
    const a = computeIndicators([facts({ caseId: 'a' }), facts({ caseId: 'b', sex: 'male' })], W);
    const b = computeIndicators([facts({ caseId: 'c', communeCode: '03388' })], W);
    const sum = figure(sumFigures([a, b]), 'children_reported');
    expect(sum.total).toEqual({ numerator: 3 });
    expect(sum.breakdowns.sex).toEqual({ female: { numerator: 2 }, male: { numerator: 1 } });
    expect(sum.breakdowns.commune).toEqual({ '03390': { numerator: 2 }, '03388': { numerator: 1 } });
    expect(figure(sumFigures([a, b]), 'verified_within_12h').total).toEqual({ numerator: 0, denominator: 3 });
    expect(CASE_INDICATORS.map((i) => i.id)).toEqual(sumFigures([a, b]).map((f) => f.id));
  });
});

describe('Small-cell suppression', () => {
  it('hides counts from 1 to 4, keeps 0 and 5, and hides a second cell where one alone would be given back by the total', () => {
    const shown = suppressSmallCells({
      id: 'x',
      total: { numerator: 12 },
      breakdowns: { sex: { female: { numerator: 9 }, male: { numerator: 3 }, unknown: { numerator: 0 } }, ageBand: { '5-11': { numerator: 6 }, '12-14': { numerator: 6 } } },
    });
    expect(shown.total).toEqual({ numerator: 12, suppressed: false });
    expect(shown.breakdowns.sex).toEqual({
      female: { numerator: null, suppressed: true },
      male: { numerator: null, suppressed: true },
      unknown: { numerator: 0, suppressed: false },
    });
    expect(shown.breakdowns.ageBand['5-11']).toEqual({ numerator: 6, suppressed: false });
  });

  it('hides a share whose denominator is small, numerator and denominator both', () => {
    expect(suppressSmallCells({ id: 'x', total: { numerator: 0, denominator: 4 }, breakdowns: {} }).total).toEqual({ numerator: null, denominator: null, suppressed: true });
    expect(suppressSmallCells({ id: 'x', total: { numerator: 0, denominator: 5 }, breakdowns: {} }).total).toEqual({ numerator: 0, denominator: 5, suppressed: false });
  });
});
