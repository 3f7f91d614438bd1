import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Batches } from '../common/batches';
import { Clock } from '../common/clock';
import { Refusal, RefusalLog } from '../common/refusals';
import { UnitOfWork } from '../common/unit-of-work';
import { writeAndForget } from '../database/held-writes';
import { insertRows } from '../database/writes';
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

/** SQLite: the most lines one insert carries; each batch size is a statement of its own to build and keep. */
const LINES_PER_INSERT = 64;

/**
 * The append-only, hash-chained audit trail. Lines are appended inside the transaction of what
 * they record, together when its work is done, just before it commits.
 *
 * On SQLite the one writer numbers and hashes the lines here, keeping the last line's hash in
 * memory (read again after any rolled-back unit). On PostgreSQL every instance extends the same
 * chain, so the lines are numbered and hashed where they are inserted, by one call of the
 * database's `append_audit_lines` (migration AuditAppend) under a transaction-level lock on the
 * chain, sent with the unit's last message: the lock is held for the database's own work and the
 * commit, never across a round trip. When the lock and the chain's head were a message of their
 * own, the lock stayed held while the answer waited for the instance's event loop, and every write
 * and every read's line of every instance waited behind it.
 *
 * Lines of their own (reads, refusals) are gathered while one batch is being written and appended
 * together as an urgent unit: a read waits for its line to be durable, never for a queue of writes.
 * On PostgreSQL that unit is the function's call alone, its own transaction, the batch bound as one
 * JSON value: no BEGIN, no COMMIT, and no escaping of the batch as a literal.
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
    await this.work.write((manager) => this.appendAll(manager, events), { urgent: true, appendOnly: true, oneStatement: true });
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

  /** Appends the lines in order: a batch of reads' lines costs one statement, not one each. */
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
      const content = lines.map((line) => ({ ...line, at: line.at.toISOString(), content: contentAfterSeq(line) }));
      return writeAndForget(manager, 'SELECT "append_audit_lines"($1)', [JSON.stringify(content)]);
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

export function readAuditPage(manager: EntityManager, afterSeq: number, limit: number): Promise<AuditEntry[]> {
  return manager.createQueryBuilder(AuditEntry, 'a').where('a.seq > :afterSeq', { afterSeq }).orderBy('a.seq', 'ASC').limit(limit).getMany();
}
