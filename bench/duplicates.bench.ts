/**
 * Candidate lookup at intake as the case history grows: 10,000, 100,000 and 1,000,000 cases, with
 * the 10,000-case lookup of the same run as the baseline. The lookup is the service's own
 * (`DuplicateReports.score`: keys, the index, the profiles, the scoring, merged units included).
 *
 * Children are made up with Vietnamese names as common as they are in life (family names by their
 * census share, given names by a Zipf law over 120 names, so "Anh" and "Linh" are everywhere), 60 %
 * with a date of birth, half with a guardian's phone. Two shapes:
 *
 * - `national`: cases spread over the 34 provinces, as a national deployment holds them;
 * - `province`: every case in one province, the worst case for a lookup, which stays in its province.
 *
 * Each size is timed over 300 lookups: 200 second reports of a child on file (typed without marks,
 * the age guessed) and 100 reports of new children. p50 and p99 in milliseconds.
 *
 *   npm run bench:duplicates
 *   BENCH_SIZES=10000,100000 BENCH_SHAPES=province npm run bench:duplicates
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CASE_MACHINE_VERSION } from '../workflows/case.machine';
import type { ReportedChild } from '../workflows/duplicate-reports';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
type Shape = 'national' | 'province';
const SHAPES = (process.env.BENCH_SHAPES ?? 'national,province').split(',') as Shape[];
const LOOKUPS_KNOWN = 200;
const LOOKUPS_NEW = 100;
const workDir = mkdtempSync(join(tmpdir(), 'duplicates-bench-'));

process.env.DATABASE_PATH = join(workDir, 'duplicates.sqlite');
process.env.NODE_ENV = 'test';
process.env.SEED_DEMO_DATA = 'true';
process.env.ALERT_SCAN_INTERVAL_SECONDS = '0';
process.env.MAIL_RELAY_INTERVAL_SECONDS = '0';

const HOTLINE = '00000000-0000-4000-8000-000000000001';
const FAMILIES: Array<[string, number]> = [
  ['Nguyễn', 38.4], ['Trần', 12.1], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 3.1], ['Huỳnh', 2], ['Phan', 4.5], ['Vũ', 2.4], ['Võ', 1.5], ['Đặng', 2.1],
  ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Đinh', 0.5], ['Lò', 0.3], ['Giàng', 0.2], ['Quách', 0.1],
];
const GIVEN = (
  'Anh Linh Trang Huy Minh Nam Hà Lan Hương Dũng Hùng Tuấn Thảo Ngọc Mai Hải Long Phương Quân Khánh Hoa Thủy Yến Nhung Hằng Hiếu Đức Thành ' +
  'Tâm Trung Vy Nhi Châu Bảo An Khoa Tùng Sơn Phúc Lộc Thắng Toàn Vân Uyên Xuân Hạnh Hiền Loan Nga Oanh Quyên Sen Tuyết Diệp Giang Hậu ' +
  'Kiên Lâm Mạnh Nghĩa Phong Quang Sang Tài Thái Thiện Tiến Trí Trọng Tú Vinh Việt Vũ Bình Chi Dương Hòa Kim Liên Ly Mỹ Ngân Như Quế ' +
  'Thư Thùy Trâm Tường Vi Ánh Cúc Duyên Hồng Huệ Lệ Liễu Lụa Mận Nguyệt Nhàn Phượng Thoa Thơm Trinh Tươi Xoan Yên Đào Gấm Bích Diễm Hạ'
).split(' ');
const SEXES = ['female', 'male'];

/** A small deterministic generator, so that every run makes the same children. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(items: Array<[T, number]>, r: number): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let at = r * total;
  for (const [item, w] of items) if ((at -= w) < 0) return item;
  return items[items.length - 1][0];
}

const GIVEN_WEIGHTS: Array<[string, number]> = GIVEN.map((name, i) => [name, 1 / (i + 1)]);

interface Made {
  report: ReportedChild;
  name: string;
}

function child(i: number, places: Array<{ province: string; commune: string }>): Made {
  const r = random(i * 7919 + 17);
  const sex = SEXES[i % 2];
  const name = `${weighted(FAMILIES, r())} ${sex === 'female' ? 'Thị' : 'Văn'} ${weighted(GIVEN_WEIGHTS, r())}`;
  const place = places[Math.floor(r() * places.length)];
  const year = 2008 + Math.floor(r() * 13);
  const dob = r() < 0.6 ? `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}` : null;
  const phone = r() < 0.5 ? `09${String(Math.floor(r() * 1e8)).padStart(8, '0')}` : null;
  return {
    name,
    report: {
      receivedAt: new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 6 * 365) * 86_400_000).toISOString(),
      location: { provinceCode: place.province, communeCode: place.commune },
      child: { name, dateOfBirth: dob, estimatedAgeYears: dob ? null : 6 + Math.floor(r() * 11), sex },
      guardian: phone ? { name: null, phone } : null,
      reporterPhone: null,
    },
  };
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2));
}

async function main(): Promise<void> {
  const { Test } = await import('@nestjs/testing');
  const { AppModule } = await import('../src/app.module');
  const { DuplicateReports } = await import('../src/cases/duplicate-reports.service');
  const { ChildProfilesRepository } = await import('../src/cases/child-profiles.repository');
  const { UnitOfWork } = await import('../src/common/unit-of-work');
  const { childProfile } = await import('../workflows/duplicate-reports');
  const { foldName } = await import('../workflows/vietnamese-names');
  const { DataSource } = await import('typeorm');

  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  const dataSource = app.get(DataSource);
  const duplicates = app.get(DuplicateReports);
  const profiles = app.get(ChildProfilesRepository);
  const work = app.get(UnitOfWork);
  const units: Array<{ province: string; commune: string }> = (
    await dataSource.query(`SELECT province_code AS province, code AS commune FROM administrative_units WHERE level = 'commune' AND province_code IS NOT NULL`)
  ).map((u: { province: string; commune: string }) => ({ province: u.province, commune: u.commune }));

  const rows: Array<Record<string, number | string>> = [];
  for (const shape of SHAPES) {
    const places = shape === 'national' ? units : units.filter((u) => u.province === '12');
    await dataSource.query('DELETE FROM child_match_keys');
    await dataSource.query('DELETE FROM child_profiles');
    await dataSource.query(`DELETE FROM cases WHERE id LIKE 'bench-%'`);
    let existing = 0;
    for (const size of SIZES) {
      const inserted = performance.now();
      for (let from = existing; from < size; from += 5000) {
        const to = Math.min(size, from + 5000);
        const made = Array.from({ length: to - from }, (_, k) => child(from + k, places));
        await work.write(async (manager) => {
          // The case rows the lookup reads its numbers and areas from; nothing else of them is read.
          const values = made.map((_, k) => `('bench-${String(from + k).padStart(9, '0')}', 'B-${from + k}', ?, ?, '${HOTLINE}', '2024-01-01 00:00:00.000', 'hotline_111', 'at_risk', '{}', 'intake', '{}', ${CASE_MACHINE_VERSION}, '2026.4', 1, '2024-01-01 00:00:00.000', '2024-01-01 00:00:00.000')`);
          for (let at = 0; at < values.length; at += 400) {
            await manager.query(
              `INSERT INTO cases (id, case_number, province_code, commune_code, receiving_agency_id, received_at, channel, category, intake, status, snapshot, machine_version, policy_version, version, opened_at, updated_at) VALUES ${values.slice(at, at + 400).join(', ')}`,
              made.slice(at, at + 400).flatMap((m) => [m.report.location.provinceCode, m.report.location.communeCode]),
            );
          }
          await profiles.insertMany(manager, made.map((m, k) => ({ caseId: `bench-${String(from + k).padStart(9, '0')}`, reportSeq: 1, profile: childProfile(m.report) })));
        });
      }
      existing = size;
      const insertSeconds = (performance.now() - inserted) / 1000;
      const known: number[] = [];
      const fresh: number[] = [];
      let found = 0;
      for (let q = 0; q < LOOKUPS_KNOWN + LOOKUPS_NEW; q++) {
        const isKnown = q < LOOKUPS_KNOWN;
        const source = child(isKnown ? Math.floor((q * 2654435761) % size) : size + 1_000_000 + q, places);
        // A second report: marks left out, the age guessed, a month later.
        const report: ReportedChild = isKnown
          ? { ...source.report, receivedAt: new Date(Date.parse(source.report.receivedAt) + 30 * 86_400_000).toISOString(), child: { ...source.report.child, name: foldName(source.name), dateOfBirth: null, estimatedAgeYears: source.report.child.estimatedAgeYears ?? childProfile(source.report).ageYears } }
          : source.report;
        const t = performance.now();
        const candidates = await work.read((manager) => duplicates.score(manager, report));
        (isKnown ? known : fresh).push(performance.now() - t);
        if (isKnown && candidates.length > 0) found += 1;
      }
      const all = [...known, ...fresh];
      const row = { shape, cases: size, insertSeconds: Number(insertSeconds.toFixed(1)), p50Ms: percentile(all, 0.5), p99Ms: percentile(all, 0.99), knownP99Ms: percentile(known, 0.99), newP99Ms: percentile(fresh, 0.99), secondReportsWithACandidate: found };
      rows.push(row);
      console.log(`${shape} ${size} cases: lookup p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms (${found}/${LOOKUPS_KNOWN} second reports found a candidate)`);
    }
  }
  await app.close();

  const growth = rows.map((r) => {
    const base = rows.find((b) => b.shape === r.shape && b.cases === SIZES[0])!;
    return { shape: r.shape, cases: r.cases, casesRatio: Number(r.cases) / Number(base.cases), p99Ratio: Number((Number(r.p99Ms) / Number(base.p99Ms)).toFixed(2)) };
  });
  for (const g of growth) console.log(`${g.shape} ×${g.casesRatio} cases: lookup p99 ×${g.p99Ratio} of the ${SIZES[0]}-case baseline`);
  const at = new Date().toISOString();
  const file = join(__dirname, 'results', `duplicates-${at.replace(/[:.]/g, '-')}.json`);
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ benchmark: 'duplicate candidates at intake', at, node: process.version, lookups: LOOKUPS_KNOWN + LOOKUPS_NEW, baseline: SIZES[0], rows, growth }, null, 2)}\n`);
  console.log(`figures: ${file}`);
  rmSync(workDir, { recursive: true, force: true });
}

void main();
