import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { writeAndForget } from '../database/held-writes';
import { StatementCache } from '../database/statement-cache';
import { CaseFacts, FactChange, OpeningFacts, ReferralFacts } from '../../workflows/case-facts';
import { policyOf, REFERRAL_KINDS, ReferralKind } from '../../workflows/policy';
import { CaseRecord } from './case.entity';

/** Where a report looks: one commune's cases, or a province's. */
export interface ReportArea {
  provinceCode: string;
  communeCode?: string;
}

/** What the facts start from: the case row as opened, and the child's age the statechart was given. */
export function openingFactsOf(record: CaseRecord, childAgeYears: number | null): OpeningFacts {
  const verification = policyOf(record.policyVersion).steps.verification;
  return {
    caseId: record.id,
    provinceCode: record.provinceCode,
    communeCode: record.communeCode,
    receivedAt: record.receivedAt,
    sex: record.intake.child.sex,
    ageYears: childAgeYears,
    ethnicity: record.intake.child.ethnicity,
    channel: record.channel,
    category: record.category,
    // Every policy so far counts verification in hours from receipt (Decree 56 art. 25(2)).
    verificationHours: 'hours' in verification ? verification.hours : 12,
  };
}

const CASE_COLUMNS = {
  caseId: 'case_id',
  provinceCode: 'province_code',
  communeCode: 'commune_code',
  receivedAt: 'received_at',
  sex: 'sex',
  ageBand: 'age_band',
  ethnicity: 'ethnicity',
  channel: 'channel',
  category: 'category',
  verificationDueAt: 'verification_due_at',
  verifiedAt: 'verified_at',
  unlawfulAt: 'unlawful_at',
  traffickingAt: 'trafficking_at',
  policeToldAt: 'police_told_at',
  followUpAt: 'follow_up_at',
  closedAt: 'closed_at',
  closureReason: 'closure_reason',
} as const satisfies Record<Exclude<keyof CaseFacts, 'referrals'>, string>;

const REFERRAL_COLUMNS = {
  openedAt: 'opened_at',
  dueAt: 'due_at',
  acceptedAt: 'accepted_at',
  declinedAt: 'declined_at',
  completedAt: 'completed_at',
  result: 'result',
  lateAt: 'late_at',
} as const satisfies Record<keyof ReferralFacts, string>;

const KIND_PREFIX: Record<ReferralKind, string> = {
  police: 'police',
  education: 'education',
  health: 'health',
  socialSupport: 'social_support',
  labourInspection: 'labour_inspection',
  shelter: 'shelter',
};

const referralColumn = (kind: ReferralKind, fact: keyof ReferralFacts) => `${KIND_PREFIX[kind]}_${REFERRAL_COLUMNS[fact]}`;

/** The opening insert names every column in the same order each time, so it is built once (by `ifAbsent`). */
const insertStatements = new StatementCache<boolean>();

/**
 * The reports' facts about each case (`case_facts`, one row per case), written in the case's own
 * transaction. Times are stored as milliseconds since the epoch: the same on both databases, and
 * compared without conversion. `active_until` is the last time anything about the case could enter
 * a period's figures, so that a period's report reads only the cases active in or after it.
 */
@Injectable()
export class CaseFactsRepository {
  /** The cases that have no facts yet (opened before the facts were kept), a batch at a time. */
  async casesWithout(manager: EntityManager, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT c."id" FROM "cases" c LEFT JOIN "case_facts" f ON f."case_id" = c."id" WHERE f."case_id" IS NULL ORDER BY c."id" LIMIT ${Math.floor(limit)}`,
    );
    return rows.map((row) => row.id);
  }

  /** Inserts a case's facts; `ifAbsent` leaves a row another writer put there first. */
  async insert(manager: EntityManager, facts: CaseFacts, ifAbsent = false): Promise<void> {
    const values: Record<string, unknown> = {};
    for (const [fact, column] of Object.entries(CASE_COLUMNS)) values[column] = facts[fact as keyof typeof CASE_COLUMNS];
    for (const kind of REFERRAL_KINDS) {
      for (const fact of Object.keys(REFERRAL_COLUMNS) as Array<keyof ReferralFacts>) values[referralColumn(kind, fact)] = facts.referrals[kind][fact];
    }
    values.active_until = Math.max(facts.receivedAt, facts.verificationDueAt);
    const built = insertStatements.of(manager);
    let sql = built.get(ifAbsent);
    if (!sql) {
      const columns = Object.keys(values);
      const driver = manager.connection.driver;
      sql = `INSERT INTO "case_facts" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((_, i) => driver.createParameter(`p${i}`, i)).join(', ')})${ifAbsent ? ' ON CONFLICT ("case_id") DO NOTHING' : ''}`;
      built.set(ifAbsent, sql);
    }
    await writeAndForget(manager, sql, Object.values(values));
  }

  /** Applies an event's change in one statement: every right-hand side reads the row as it was. */
  async change(manager: EntityManager, caseId: string, change: FactChange): Promise<void> {
    const { params, param } = parameters(manager);
    const sets = [`"active_until" = CASE WHEN "active_until" < ${param(change.at)} THEN ${param(change.at)} ELSE "active_until" END`];
    for (const [fact, value] of Object.entries(change.first)) {
      if (fact === 'referrals' || typeof value !== 'number') continue;
      const column = CASE_COLUMNS[fact as keyof typeof CASE_COLUMNS];
      sets.push(`"${column}" = COALESCE("${column}", ${param(value)})`);
    }
    sets.push(`"closed_at" = ${param(change.set.closedAt)}`, `"closure_reason" = ${param(change.set.closureReason)}`);
    for (const kind of REFERRAL_KINDS) {
      const due = referralColumn(kind, 'dueAt');
      if (change.closed.includes(kind)) {
        const late = referralColumn(kind, 'lateAt');
        sets.push(`"${late}" = CASE WHEN "${late}" IS NULL AND "${due}" < ${param(change.at)} THEN "${due}" ELSE "${late}" END`);
      }
      for (const [fact, value] of Object.entries(change.first.referrals[kind] ?? {})) {
        const column = referralColumn(kind, fact as keyof ReferralFacts);
        sets.push(`"${column}" = COALESCE("${column}", ${param(value)})`);
      }
      for (const [fact, value] of Object.entries(change.set.referrals[kind] ?? {})) {
        sets.push(`"${referralColumn(kind, fact as keyof ReferralFacts)}" = ${param(value)}`);
      }
    }
    await writeAndForget(manager, `UPDATE "case_facts" SET ${sets.join(', ')} WHERE "case_id" = ${param(caseId)}`, params);
  }

  async find(manager: EntityManager, caseId: string): Promise<CaseFacts | null> {
    const { params, param } = parameters(manager);
    const rows: Array<Record<string, unknown>> = await manager.query(`SELECT ${compactSelect(manager)} FROM "case_facts" WHERE "case_id" = ${param(caseId)}`, params);
    return rows.length > 0 ? fromCompact(rows[0]) : null;
  }

  /**
   * The facts of every case of an area that can count in a window: received before its end, and
   * active in it or after its start, or still open (the cases under follow-up at its end). Served by
   * the (province, active_until) and (province, closed_at) indexes.
   */
  async forWindow(manager: EntityManager, area: ReportArea, window: { from: number; to: number }): Promise<CaseFacts[]> {
    const { params, param } = parameters(manager);
    let where = `"province_code" = ${param(area.provinceCode)} AND "received_at" < ${param(window.to)}`;
    where += ` AND ("active_until" >= ${param(window.from)} OR "closed_at" IS NULL OR "closed_at" >= ${param(window.to)})`;
    if (area.communeCode) where += ` AND "commune_code" = ${param(area.communeCode)}`;
    const rows: Array<Record<string, unknown>> = await manager.query(`SELECT ${compactSelect(manager)} FROM "case_facts" WHERE ${where}`, params);
    return rows.map(fromCompact);
  }
}

/** Bound parameters in order of use: SQLite's `?` are positional, so a value used twice is bound twice. */
function parameters(manager: EntityManager): { params: unknown[]; param: (value: unknown) => string } {
  const driver = manager.connection.driver;
  const params: unknown[] = [];
  return {
    params,
    param: (value) => {
      params.push(value);
      return driver.createParameter(`p${params.length - 1}`, params.length - 1);
    },
  };
}

/** The columns a report reads, in the order `fromCompact` takes them: the case's, then each referral's. */
const COMPACT_CASE_FACTS = [
  'caseId', 'provinceCode', 'communeCode', 'receivedAt', 'sex', 'ageBand', 'ethnicity', 'channel', 'category', 'verificationDueAt',
  'verifiedAt', 'unlawfulAt', 'traffickingAt', 'policeToldAt', 'followUpAt', 'closedAt', 'closureReason',
] as const satisfies ReadonlyArray<keyof typeof CASE_COLUMNS>;
const COMPACT_REFERRAL_FACTS = ['openedAt', 'dueAt', 'acceptedAt', 'declinedAt', 'completedAt', 'result', 'lateAt'] as const satisfies ReadonlyArray<keyof ReferralFacts>;
const COMPACT_COLUMNS = [
  ...COMPACT_CASE_FACTS.map((fact) => CASE_COLUMNS[fact]),
  ...REFERRAL_KINDS.flatMap((kind) => COMPACT_REFERRAL_FACTS.map((fact) => referralColumn(kind, fact))),
];

/**
 * A report reads tens of thousands of rows, and the driver pays for every column of every row it
 * hands back: so the database hands each row's facts back as one JSON array (its numbers already
 * numbers), and the objects are built with one fixed shape.
 */
function compactSelect(manager: EntityManager): string {
  return `${manager.connection.options.type === 'postgres' ? 'json_build_array' : 'json_array'}(${COMPACT_COLUMNS.map((c) => `"${c}"`).join(', ')}) AS "facts"`;
}

type N = number | null;

function referralAt(v: unknown[], i: number): ReferralFacts {
  return { openedAt: v[i] as N, dueAt: v[i + 1] as N, acceptedAt: v[i + 2] as N, declinedAt: v[i + 3] as N, completedAt: v[i + 4] as N, result: v[i + 5] as string | null, lateAt: v[i + 6] as N };
}

const KIND_AT = Object.fromEntries(REFERRAL_KINDS.map((kind, i) => [kind, i])) as Record<ReferralKind, number>;
const REFERRALS_FROM = COMPACT_CASE_FACTS.length;
const REFERRAL_WIDTH = COMPACT_REFERRAL_FACTS.length;

function fromCompact(row: Record<string, unknown>): CaseFacts {
  const v = (typeof row.facts === 'string' ? JSON.parse(row.facts) : row.facts) as unknown[];
  const at = (kind: number) => referralAt(v, REFERRALS_FROM + kind * REFERRAL_WIDTH);
  return {
    caseId: v[0] as string,
    provinceCode: v[1] as string,
    communeCode: v[2] as string,
    receivedAt: v[3] as number,
    sex: v[4] as string,
    ageBand: v[5] as CaseFacts['ageBand'],
    ethnicity: v[6] as string,
    channel: v[7] as string,
    category: v[8] as string,
    verificationDueAt: v[9] as number,
    verifiedAt: v[10] as N,
    unlawfulAt: v[11] as N,
    traffickingAt: v[12] as N,
    policeToldAt: v[13] as N,
    followUpAt: v[14] as N,
    closedAt: v[15] as N,
    closureReason: v[16] as string | null,
    referrals: {
      police: at(KIND_AT.police),
      education: at(KIND_AT.education),
      health: at(KIND_AT.health),
      socialSupport: at(KIND_AT.socialSupport),
      labourInspection: at(KIND_AT.labourInspection),
      shelter: at(KIND_AT.shelter),
    },
  };
}
