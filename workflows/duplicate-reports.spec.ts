import { DUPLICATE_THRESHOLDS } from './policy';
import { childProfile, compareChildren, matchKeys } from './duplicate-reports';
import { labelledPairs } from './name-pairs.fixture';
import { jaroWinkler, normalisePhone, parseName } from './vietnamese-names';

describe('Vietnamese names and phone numbers', () => {
  it('finds the given name in Kinh, western and Ê Đê order, and one spelling for Hoàng/Huỳnh and Vũ/Võ', () => {
    expect(parseName('Nguyễn Thị Minh Anh')).toEqual({ given: 'anh', givenMarked: null, family: 'nguyen', middles: ['minh'] });
    expect(parseName('Minh Anh Nguyen')).toMatchObject({ given: 'anh', family: 'nguyen', middles: ['minh'] });
    expect(parseName("H'Hen Niê")).toMatchObject({ given: 'hhen', family: 'nie' });
    expect(parseName('Y Moan Ênuôl')).toMatchObject({ given: 'moan', family: 'enuol' });
    expect(parseName('Huỳnh Văn Phúc')?.family).toBe(parseName('Hoàng Văn Phúc')?.family);
    expect(parseName('Võ Minh Khang')?.family).toBe('vu');
    expect(parseName('Lê Thị Hạ')).toMatchObject({ given: 'ha', givenMarked: 'hạ' });
    expect(parseName('   ')).toBeNull();
  });

  it('writes every phone as +84, old 11-digit mobile prefixes mapped to today’s', () => {
    expect(normalisePhone('0912 345 678')).toBe('+84912345678');
    expect(normalisePhone('+84 912 345 678')).toBe('+84912345678');
    expect(normalisePhone('84912345678')).toBe('+84912345678');
    expect(normalisePhone('01682223344')).toBe('+84382223344');
    expect(normalisePhone('0168 222 3344')).toBe(normalisePhone('038 222 3344'));
    expect(normalisePhone('01213334455')).toBe('+84793334455');
    expect(normalisePhone('12345')).toBeNull();
  });

  it('scores Jaro–Winkler as published (MARTHA/MARHTA 0.961, DIXON/DICKSONX 0.813)', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('lan', 'lan')).toBe(1);
    expect(jaroWinkler('', 'lan')).toBe(0);
  });
});

describe('Duplicate reports: the labelled pairs', () => {
  const pairs = labelledPairs();
  const scored = pairs.map((pair) => {
    const a = childProfile(pair.a);
    const b = childProfile(pair.b);
    return { ...pair, match: compareChildren(a, b, pair.a.location.communeCode === pair.b.location.communeCode), keysShared: matchKeys(a).some((k) => matchKeys(b).includes(k)) };
  });

  it('holds at least 200 pairs of both kinds', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(200);
    expect(pairs.filter((p) => p.sameChild).length).toBeGreaterThan(100);
    expect(pairs.filter((p) => !p.sameChild).length).toBeGreaterThan(100);
  });

  it(`gives precision ≥ 0.9 at "likely" (${DUPLICATE_THRESHOLDS.likely}) and recall ≥ 0.8 at "possible" (${DUPLICATE_THRESHOLDS.possible})`, () => {
    const likely = scored.filter((s) => s.match.score >= DUPLICATE_THRESHOLDS.likely);
    const precision = likely.filter((s) => s.sameChild).length / likely.length;
    const positives = scored.filter((s) => s.sameChild);
    const recall = positives.filter((s) => s.match.score >= DUPLICATE_THRESHOLDS.possible).length / positives.length;
    const byKind = new Map<string, { n: number; flagged: number }>();
    for (const s of scored) {
      const row = byKind.get(s.kind) ?? { n: 0, flagged: 0 };
      row.n += 1;
      if (s.match.score >= (s.sameChild ? DUPLICATE_THRESHOLDS.possible : DUPLICATE_THRESHOLDS.likely)) row.flagged += 1;
      byKind.set(s.kind, row);
    }
    console.log(
      [
        `${pairs.length} labelled pairs: precision at likely ${precision.toFixed(3)} (${likely.length} flagged), recall at possible ${recall.toFixed(3)}`,
        ...[...byKind].map(([kind, row]) => `  ${kind}: ${row.flagged}/${row.n} ${scored.find((s) => s.kind === kind)!.sameChild ? 'found' : 'wrongly likely'}`),
      ].join('\n'),
    );
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });

  it('finds every pair of one child through a shared index key', () => {
    const missed = scored.filter((s) => s.sameChild && !s.keysShared);
    expect(missed.map((s) => `${s.kind}: ${s.a.child.name} / ${s.b.child.name}`)).toEqual([]);
  });
});

describe('Duplicate reports: the evidence', () => {
  const base = { receivedAt: '2026-02-10T03:00:00.000Z', location: { provinceCode: '12', communeCode: '03390' }, guardian: null, reporterPhone: null };
  const child = (name: string, dateOfBirth: string | null, sex = 'female') => childProfile({ ...base, child: { name, dateOfBirth, estimatedAgeYears: dateOfBirth ? null : 12, sex } });

  it('counts a shared rare family name for more than a shared Nguyễn', () => {
    const nguyen = compareChildren(child('Nguyễn Thị Lan', null), child('Nguyễn Thị Lan', null), true);
    const quach = compareChildren(child('Quách Thị Lan', null), child('Quách Thị Lan', null), true);
    expect(quach.score).toBeGreaterThan(nguyen.score);
  });

  it('tells Hà from Hạ only where both were typed with their marks', () => {
    const marked = compareChildren(child('Lê Thị Hà', '2013-11-20'), child('Lê Thị Hạ', '2013-11-20'), true);
    const unmarked = compareChildren(child('Lê Thị Hà', '2013-11-20'), child('Le Thi Ha', '2013-11-20'), true);
    expect(marked.evidence.find((e) => e.field === 'givenName')?.agreement).toBe('close');
    expect(unmarked.evidence.find((e) => e.field === 'givenName')?.agreement).toBe('same');
    expect(unmarked.score).toBeGreaterThan(marked.score);
  });

  it('gives nothing for two reports that share only the place', () => {
    expect(compareChildren(child('', null), child('', null), true).score).toBe(0);
  });

  it('takes a different sex as strong evidence of two children', () => {
    expect(compareChildren(child('Trần Văn Minh', '2011-07-02', 'male'), child('Trần Văn Minh', '2011-07-02', 'female'), true).score).toBeLessThan(
      compareChildren(child('Trần Văn Minh', '2011-07-02', 'male'), child('Trần Văn Minh', '2011-07-02', 'male'), true).score,
    );
  });
});
