import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, In, IsNull } from 'typeorm';
import { lookups } from '../common/batches';
import { Clock } from '../common/clock';
import { Kept } from '../common/kept';
import { UnitOfWork } from '../common/unit-of-work';
import { Session } from './session.entity';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

interface KnownSession {
  revoked: boolean;
  expiresAt: number;
  /** UnitOfWork.outsideMark when it was known. */
  mark: number | null;
}

/** Sessions remembered: one forgotten is read again, an ended one still ended. */
const SESSIONS_KNOWN = 10_000;

/**
 * Sessions, and a memory of which ones still stand, so that checking an access token costs no
 * query once its session has been seen. Revocation writes the database and the memory together.
 * A standing session is read again once another process may have ended it (UnitOfWork.outsideMark):
 * on SQLite after any outside commit (an operator's shell), on PostgreSQL after a wake-up that sessions
 * changed, from any instance or hand, and on every check while this instance may miss one. An ended
 * session stays ended.
 */
@Injectable()
export class Sessions {
  private readonly known = new Kept<string, KnownSession>(SESSIONS_KNOWN);
  /** Sessions read again side by side, in one statement. */
  private readonly reads = lookups<string, Session | undefined>(async (ids) => {
    const found = await this.work.readStatement((manager) => manager.findBy(Session, { id: In(ids) }));
    return new Map(found.map((session) => [session.id, session]));
  }, undefined);

  constructor(
    private readonly work: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Starts a session; answers its id and refresh token (`<session>.<secret>`). */
  async start(manager: EntityManager, accountId: string, days: number): Promise<{ id: string; refreshToken: string }> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + days * 86_400_000);
    await manager.insert(Session, { id, accountId, refreshHash: sha256(secret), createdAt: now, expiresAt, revokedAt: null });
    this.known.set(id, { revoked: false, expiresAt: expiresAt.getTime(), mark: this.work.outsideMark() });
    return { id, refreshToken: `${id}.${secret}` };
  }

  async isActive(id: string): Promise<boolean> {
    let state = this.known.get(id);
    const mark = this.work.outsideMark();
    if (!state || (!state.revoked && (mark === null || state.mark !== mark))) {
      const session = await this.reads.run(id);
      if (!session) return false;
      state = { revoked: session.revokedAt !== null, expiresAt: session.expiresAt.getTime(), mark };
      this.known.set(id, state);
    }
    return !state.revoked && state.expiresAt > this.clock.now().getTime();
  }

  /**
   * Swaps a refresh token for a new one. A token that does not match its still-open session was
   * already used: someone holds a copy, so the session is revoked.
   */
  async rotate(manager: EntityManager, refreshToken: string): Promise<{ session: Session; refreshToken: string } | null> {
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret) return null;
    const session = await manager.findOneBy(Session, { id });
    if (!session || session.revokedAt || session.expiresAt.getTime() <= this.clock.now().getTime()) return null;
    if (session.refreshHash !== sha256(secret)) {
      await this.revoke(manager, id);
      return null;
    }
    const next = randomBytes(32).toString('base64url');
    await manager.update(Session, { id }, { refreshHash: sha256(next) });
    return { session, refreshToken: `${id}.${next}` };
  }

  async revoke(manager: EntityManager, id: string): Promise<void> {
    await manager.update(Session, { id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    const state = this.known.get(id);
    this.known.set(id, { revoked: true, expiresAt: state?.expiresAt ?? 0, mark: state?.mark ?? null });
  }

  async revokeAll(manager: EntityManager, accountId: string): Promise<void> {
    const open = await manager.find(Session, { where: { accountId }, select: { id: true, revokedAt: true } });
    for (const session of open.filter((s) => !s.revokedAt)) await this.revoke(manager, session.id);
  }
}
