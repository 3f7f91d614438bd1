import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Batches } from '../common/batches';
import { Clock } from '../common/clock';
import { Refusal, RefusalLog } from '../common/refusals';
import { UnitOfWork } from '../common/unit-of-work';
import { readAfterHeld, readWithNext, sendHeld, writeAndForget } from '../database/held-writes';
import { insertRows } from '../database/writes';
import { AuditEntry, AuditOutcome } from './audit-entry.entity';
import { ChainCheck, GENESIS_HASH, lineHash, verifyChain } from './audit-chain';

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
 * they record, together when its work is done, just before it commits. On SQLite the one writer
 * keeps the last line's hash in memory (read again after any rolled-back unit); on PostgreSQL the
 * append takes a transaction-level lock on the chain and reads its head, so that every instance
 * extends the same chain. Taken last, the lock is held for that insert and the commit alone: taken
 * where the first line was recorded, it was held across the rest of the unit's round trips, and
 * every write of every instance waited for it (intakes at 50 connections: about 110 a second).
 * A unit that must hold a lock of its own until it commits takes the chain's with it (lockWithNext).
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
  /** The chain's head, for units that took its lock early (see lockWithNext): known once the message that carried it is answered. */
  private readonly lockedHeads = new WeakMap<EntityManager, { known: ChainHead | null; answer: Promise<ChainHead> }>();
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

  /** Appends the lines in order as one insert: a batch of reads' lines costs one statement, not one each. */
  private async appendAll(manager: EntityManager, events: AuditEvent[]): Promise<void> {
    let last = await this.head(manager);
    const at = this.clock.now();
    const lines = events.map((event) => {
      const line = {
        seq: last.seq + 1,
        at,
        actorId: event.actor.id,
        actorAgencyId: event.actor.agencyId,
        action: event.action,
        subjectType: event.subject?.type ?? null,
        subjectId: event.subject?.id ?? null,
        outcome: event.outcome ?? 'ok',
        detail: event.detail ?? {},
        prevHash: last.hash,
      };
      const entry = Object.assign(new AuditEntry(), line, { hash: lineHash(line) });
      last = { seq: entry.seq, hash: entry.hash };
      return entry;
    });
    for (let i = 0; i < lines.length; i += LINES_PER_INSERT) await insertRows(manager, AuditEntry, lines.slice(i, i + LINES_PER_INSERT));
    if (this.work.dialect === 'sqlite') this.last = last;
  }

  /**
   * A unit appends once (its lines together), so on PostgreSQL the head is read under the lock each
   * time. The lock goes with the unit's held writes and the head's select in one message; the
   * select is a statement of its own, so it sees every line committed before the lock was granted.
   */
  private async head(manager: EntityManager): Promise<ChainHead> {
    if (this.work.dialect === 'sqlite') return (this.last ??= await this.readLast(manager));
    const early = this.lockedHeads.get(manager);
    if (!early) {
      await writeAndForget(manager, 'SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
      return this.readLast(manager);
    }
    this.lockedHeads.delete(manager);
    if (early.known) return early.known;
    await sendHeld(manager);
    return early.answer;
  }

  /**
   * For a unit that takes a lock of its own to hold until it commits (a province's case counter):
   * on PostgreSQL the chain's lock and head go with the unit's next message, so that both locks
   * are taken together and held for the same last round trip, not the counter's one trip longer.
   */
  lockWithNext(manager: EntityManager): void {
    if (this.work.dialect === 'sqlite' || this.lockedHeads.has(manager)) return;
    // Both held at once, in this order: the head's select is a statement after the lock's.
    const lock = writeAndForget(manager, 'SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const head = this.readLast(manager, readWithNext);
    const early = { known: null as ChainHead | null, answer: lock.then(() => head) };
    // Waited on only if the unit gets as far as its lines.
    early.answer.then((known) => (early.known = known)).catch(() => undefined);
    this.lockedHeads.set(manager, early);
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

  private async readLast(manager: EntityManager, read = readAfterHeld): Promise<ChainHead> {
    const [last] = await read<ChainHead>(manager, 'SELECT "seq", "hash" FROM "audit_log" ORDER BY "seq" DESC LIMIT 1', []);
    return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  }
}

export function readAuditPage(manager: EntityManager, afterSeq: number, limit: number): Promise<AuditEntry[]> {
  return manager.createQueryBuilder(AuditEntry, 'a').where('a.seq > :afterSeq', { afterSeq }).orderBy('a.seq', 'ASC').limit(limit).getMany();
}
