import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { MailContent } from './mail-templates';
import { OutboxMessage } from './outbox-message.entity';

export interface OutgoingMail {
  /** Stable for its cause (e.g. `alert:<task>:<level>`), so that a retried cause writes nothing new. */
  id: string;
  kind: 'referral_assigned' | 'step_alert' | 'case_closed' | 'sign_in_burst';
  recipients: string[];
  content: MailContent;
}

/** Writes e-mails into the outbox inside the caller's transaction; the relay delivers them later. */
@Injectable()
export class Outbox {
  constructor(private readonly clock: Clock) {}

  async add(manager: EntityManager, mails: OutgoingMail[]): Promise<void> {
    const now = this.clock.now();
    const rows = mails
      .filter((mail) => mail.recipients.length > 0)
      .map((mail) =>
        Object.assign(new OutboxMessage(), {
          id: mail.id,
          kind: mail.kind,
          recipients: [...new Set(mail.recipients)],
          subject: mail.content.subject,
          body: mail.content.body,
          createdAt: now,
          attempts: 0,
          nextAttemptAt: now,
          sentAt: null,
          lastError: null,
        }),
      );
    if (rows.length === 0) return;
    await manager.createQueryBuilder().insert().into(OutboxMessage).values(rows).orIgnore().execute();
  }
}
