import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Refusal, RefusalLog } from '../common/refusals';
import { UnitOfWork } from '../common/unit-of-work';
import { insertRows } from '../database/writes';
import { AuditEntry, AuditOutcome } from './audit-entry.entity';
import { ChainCheck, GENESIS_HASH, lineHash, verifyChain } from './audit-chain';

export interface AuditEvent {
  /** The signed-in actor, or for sign-in attempts the username tried. */
  actor: { id: string; agencyId: string | null };
  action: string;
  subject?: { type: 'case' | 'task' | 'alert' | 'account' | 'agency' | 'calendar' | 'session' | 'unit'; id: string };
  outcome?: AuditOutcome;
  /** Codes and types only (event type, step, route): never a name, a note or a reason. */
  detail?: Record<string, string | number | boolean | null>;
}

/**
 * The append-only, hash-chained audit trail. Lines are appended inside the transaction of what
 * they record; the last line's hash is kept in memory and read again after any rolled-back unit.
 */
@Injectable()
export class AuditTrail implements RefusalLog {
  private last: { seq: number; hash: string } | null = null;

  constructor(
    private readonly work: UnitOfWork,
    private readonly clock: Clock,
  ) {
    work.onRollback(() => (this.last = null));
  }

  /** Appends inside the caller's transaction. */
  async append(manager: EntityManager, event: AuditEvent): Promise<void> {
    this.last ??= await this.readLast(manager);
    const line = {
      seq: this.last.seq + 1,
      at: this.clock.now(),
      actorId: event.actor.id,
      actorAgencyId: event.actor.agencyId,
      action: event.action,
      subjectType: event.subject?.type ?? null,
      subjectId: event.subject?.id ?? null,
      outcome: event.outcome ?? 'ok',
      detail: event.detail ?? {},
      prevHash: this.last.hash,
    };
    const hash = lineHash(line);
    await insertRows(manager, AuditEntry, Object.assign(new AuditEntry(), line, { hash }));
    this.last = { seq: line.seq, hash };
  }

  recordRefusal({ actor, subject, route, status }: Refusal): Promise<void> {
    return this.record({ actor, action: 'authz.denied', outcome: 'denied', subject, detail: { route, status } });
  }

  /** Appends as a unit of its own: for reads and refusals, which change nothing else. */
  record(event: AuditEvent): Promise<void> {
    return this.work.write((manager) => this.append(manager, event));
  }

  verify(): Promise<ChainCheck> {
    return verifyChain((after, limit) => this.work.read((manager) => readAuditPage(manager, after, limit)));
  }

  private async readLast(manager: EntityManager): Promise<{ seq: number; hash: string }> {
    const [last] = await manager.find(AuditEntry, { select: { seq: true, hash: true }, order: { seq: 'DESC' }, take: 1 });
    return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  }
}

export function readAuditPage(manager: EntityManager, afterSeq: number, limit: number): Promise<AuditEntry[]> {
  return manager.createQueryBuilder(AuditEntry, 'a').where('a.seq > :afterSeq', { afterSeq }).orderBy('a.seq', 'ASC').limit(limit).getMany();
}
