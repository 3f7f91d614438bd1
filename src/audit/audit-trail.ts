import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Batches } from '../common/batches';
import { Clock } from '../common/clock';
import { Refusal, RefusalLog } from '../common/refusals';
import { UnitOfWork } from '../common/unit-of-work';
import { writeAndForget } from '../database/held-writes';
import { columnFor, insertRows, prepared } from '../database/writes';
import { AuditEntry, AuditOutcome } from './audit-entry.entity';
import { ChainCheck, contentAfterSeq, GENESIS_HASH, lineHash, verifyChain } from './audit-chain';

export interface AuditEvent {
  /** The signed-in actor, or for sign-in attempts the username tried. */
  actor: { id: string; agencyId: string | null };
  action: string;
  subject?: { type: 'case' | 'task' | 'alert' | 'account' | 'agency' | 'calendar' | 'session' | 'unit' | 'report' | 'caller'; id: string };
  outcome?: AuditOutcome;
  /** Codes and types only (event type, step, route): never a name, a note or a reason. */
  detail?: Record<string, string | number | boolean | null>;
}

interface ChainHead {
  seq: number;
  hash: string;
}

/** Advisory lock key that serialises appends to the one chain across instances (PostgreSQL). */
const CHAIN_LOCK = 7_146_001;

/** The most lines one insert carries: each batch size is a statement of its own to build and keep. */
const LINES_PER_INSERT = 64;

/**
 * The append-only, hash-chained audit trail. Lines are appended inside the transaction of what
 * they record, together when its work is done, just before it commits.
 *
 * On SQLite the one writer numbers and hashes the lines here, keeping the last line's hash in
 * memory (read again after any rolled-back unit). On PostgreSQL every instance extends the same
 * chain, so the lines are numbered and hashed by the statement that inserts them, after a
 * transaction-level lock on the chain, both sent with the unit's last message (see chainedInsert):
 * the lock is held for the database's own work and the commit, never across a round trip. When the
 * lock and the chain's head were a message of their own, the lock stayed held while the answer
 * waited for the instance's event loop, and every write and every read's line of every instance
 * waited behind it.
 *
 * Lines of their own (reads, refusals) are gathered while one batch is being written and appended
 * together as an urgent unit: a read waits for its line to be durable, never for a queue of writes.
 * One batch at a time per instance: on PostgreSQL, batches begun side by side would each hold a
 * pooled connection while waiting for the chain's lock, and the reads would wait for connections.
 */
@Injectable()
export class AuditTrail implements RefusalLog {
  private last: ChainHead | null = null;
  /** The lines each open unit has recorded, appended when its work is done. */
  private readonly unitLines = new WeakMap<EntityManager, AuditEvent[]>();
  /** Lines of their own, a batch at a time (see the class's comment). */
  private readonly ownLines = new Batches<AuditEvent, void>(async (events) => {
    await this.work.write((manager) => this.appendAll(manager, events), { urgent: true, appendOnly: true });
    return [];
  });

  constructor(
    private readonly work: UnitOfWork,
    private readonly clock: Clock,
  ) {
    work.onRollback(() => (this.last = null));
    work.beforeCommit((manager) => this.appendUnitLines(manager));
  }

  /** Appends inside the caller's transaction, once its work is done. */
  async append(manager: EntityManager, event: AuditEvent): Promise<void> {
    const lines = this.unitLines.get(manager);
    if (lines) lines.push(event);
    else this.unitLines.set(manager, [event]);
  }

  private async appendUnitLines(manager: EntityManager): Promise<void> {
    const lines = this.unitLines.get(manager);
    if (!lines) return;
    this.unitLines.delete(manager);
    await this.appendAll(manager, lines);
  }

  /** Appends the lines in order, up to LINES_PER_INSERT an insert: a batch of reads' lines costs one statement, not one each. */
  private async appendAll(manager: EntityManager, events: AuditEvent[]): Promise<void> {
    const at = this.clock.now();
    const lines = events.map((event) => ({
      at,
      actorId: event.actor.id,
      actorAgencyId: event.actor.agencyId,
      action: event.action,
      subjectType: event.subject?.type ?? null,
      subjectId: event.subject?.id ?? null,
      outcome: event.outcome ?? 'ok',
      detail: event.detail ?? {},
    }));
    if (this.work.dialect === 'postgres') {
      await writeAndForget(manager, 'SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
      for (let i = 0; i < lines.length; i += LINES_PER_INSERT) {
        const slice = lines.slice(i, i + LINES_PER_INSERT);
        await writeAndForget(manager, chainedInsert(slice.length), slice.flatMap((line) => [...linePlaces(manager, line), contentAfterSeq(line)]));
      }
      return;
    }
    let last = (this.last ??= await this.readLast(manager));
    const entries = lines.map((fields) => {
      const line = { ...fields, seq: last.seq + 1, prevHash: last.hash };
      const entry = Object.assign(new AuditEntry(), line, { hash: lineHash(line) });
      last = { seq: entry.seq, hash: entry.hash };
      return entry;
    });
    for (let i = 0; i < entries.length; i += LINES_PER_INSERT) await insertRows(manager, AuditEntry, entries.slice(i, i + LINES_PER_INSERT));
    this.last = last;
  }

  recordRefusal({ actor, subject, route, status }: Refusal): Promise<void> {
    return this.record({ actor, action: 'authz.denied', outcome: 'denied', subject, detail: { route, status } });
  }

  /** Appends as a unit of its own: for reads and refusals, which change nothing else. Settles once durable. */
  record(event: AuditEvent): Promise<void> {
    return this.ownLines.run(event);
  }

  verify(): Promise<ChainCheck> {
    return verifyChain((after, limit) => this.work.read((manager) => readAuditPage(manager, after, limit)));
  }

  private async readLast(manager: EntityManager): Promise<ChainHead> {
    const [last]: ChainHead[] = await manager.query('SELECT "seq", "hash" FROM "audit_log" ORDER BY "seq" DESC LIMIT 1');
    return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  }
}

/** The columns a line fills besides its number and hashes, in chainedInsert's order, as the driver stores them. */
const LINE_COLUMNS = ['at', 'actorId', 'actorAgencyId', 'action', 'subjectType', 'subjectId', 'outcome', 'detail'] as const;

type LineFields = Pick<AuditEntry, (typeof LINE_COLUMNS)[number]>;

function linePlaces(manager: EntityManager, line: LineFields): unknown[] {
  return LINE_COLUMNS.map((property) => prepared(manager, columnFor(manager, AuditEntry, property), line[property]));
}

const chainedInserts = new Map<number, string>();

/**
 * PostgreSQL: inserts `count` lines after the chain's head, each numbered one past the line before
 * and hashed over the line before's hash and its content (lineHash, finished from contentAfterSeq),
 * all in one statement. Sent after the chain's lock, as a statement of its own, so that it reads
 * the head as it stands once the lock is granted. Each line takes nine values: its columns
 * (LINE_COLUMNS) and its content after the number.
 */
function chainedInsert(count: number): string {
  let sql = chainedInserts.get(count);
  if (sql) return sql;
  const types = ['timestamptz', 'text', 'text', 'text', 'text', 'text', 'text', 'json', 'text'];
  const rows = Array.from({ length: count }, (_, line) => `(${line + 1}, ${types.map((type, i) => `$${line * types.length + i + 1}::${type}`).join(', ')})`);
  sql = `WITH RECURSIVE "line" ("n", "at", "actor_id", "actor_agency_id", "action", "subject_type", "subject_id", "outcome", "detail", "content") AS (VALUES ${rows.join(', ')}),
  "head" AS (SELECT "seq", "hash" FROM "audit_log" ORDER BY "seq" DESC LIMIT 1),
  "chain" ("n", "seq", "hash") AS (
    SELECT 0, COALESCE((SELECT "seq" FROM "head"), 0), COALESCE((SELECT "hash" FROM "head"), '${GENESIS_HASH}')::text
    UNION ALL
    SELECT "line"."n", "chain"."seq" + 1, encode(sha256(convert_to("chain"."hash" || chr(10) || '[' || ("chain"."seq" + 1) || ',' || "line"."content", 'UTF8')), 'hex')
    FROM "chain" JOIN "line" ON "line"."n" = "chain"."n" + 1)
INSERT INTO "audit_log" ("seq", "at", "actor_id", "actor_agency_id", "action", "subject_type", "subject_id", "outcome", "detail", "prev_hash", "hash")
SELECT "chain"."seq", "line"."at", "line"."actor_id", "line"."actor_agency_id", "line"."action", "line"."subject_type", "line"."subject_id", "line"."outcome", "line"."detail", "before"."hash", "chain"."hash"
FROM "line" JOIN "chain" ON "chain"."n" = "line"."n" JOIN "chain" "before" ON "before"."n" = "line"."n" - 1`;
  chainedInserts.set(count, sql);
  return sql;
}

export function readAuditPage(manager: EntityManager, afterSeq: number, limit: number): Promise<AuditEntry[]> {
  return manager.createQueryBuilder(AuditEntry, 'a').where('a.seq > :afterSeq', { afterSeq }).orderBy('a.seq', 'ASC').limit(limit).getMany();
}
