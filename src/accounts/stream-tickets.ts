import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { LessThan } from 'typeorm';
import { Actor } from '../common/actor.decorator';
import { Clock } from '../common/clock';
import { UnitOfWork } from '../common/unit-of-work';
import { sha256 } from './sessions';
import { StreamTicket } from './stream-ticket.entity';

/** Long enough to open the stream just asked for, too short to be worth copying from a log. */
const TICKET_SECONDS = 30;

/**
 * Tickets that open one event stream. A browser's EventSource cannot send an Authorization header,
 * and an access token in a URL can end up in a proxy's log for its whole lifetime; a ticket is
 * good once, for half a minute, and only its hash is stored.
 */
@Injectable()
export class StreamTickets {
  constructor(
    private readonly work: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async issue(actor: Actor): Promise<{ ticket: string; expiresIn: number }> {
    const ticket = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.work.write(async (manager) => {
      await manager.delete(StreamTicket, { expiresAt: LessThan(now) });
      await manager.insert(StreamTicket, { hash: sha256(ticket), actor, expiresAt: new Date(now.getTime() + TICKET_SECONDS * 1000) });
    });
    return { ticket, expiresIn: TICKET_SECONDS };
  }

  /** The actor the ticket was issued to, once; null for a ticket unknown, used or expired. */
  redeem(ticket: string): Promise<Actor | null> {
    const hash = sha256(ticket);
    return this.work.write(async (manager) => {
      const found = await manager.findOneBy(StreamTicket, { hash });
      if (!found) return null;
      await manager.delete(StreamTicket, { hash });
      return found.expiresAt.getTime() > this.clock.now().getTime() ? found.actor : null;
    });
  }
}
