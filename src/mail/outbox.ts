import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, LessThanOrEqual } from 'typeorm';
import { writeAndForget } from '../database/held-writes';
import { StatementCache } from '../database/statement-cache';
import { insertedColumns, insertHead, insertRows, rowValues } from '../database/writes';
import { skipLocked } from '../database/locks';
import { Clock } from '../common/clock';
import { MailContent } from './mail-templates';
import { OutboxMessage } from './outbox-message.entity';

export interface OutgoingMail {
  /** Stable for its cause (e.g. `alert:<task>:<level>`), so that a retried cause writes nothing new. */
  id: string;
  kind: 'referral_assigned' | 'step_alert' | 'step_reminder' | 'case_closed' | 'report_linked' | 'sign_in_burst' | 'report_late';
  recipients: string[];
  content: MailContent;
}

/**
 * A case number that the unit writes after its e-mails (see CaseRepository.numberCase): `text`, in
 * their subject and body, is replaced by the number the case row holds when they are stored.
 */
export interface NumberStandIn {
  caseId: string;
  text: string;
}

const namingInserts = new StatementCache();

/** Writes e-mails into the outbox inside the caller's transaction; the relay claims and delivers them later. */
@Injectable()
export class Outbox {
  constructor(private readonly clock: Clock) {}

  async add(manager: EntityManager, mails: OutgoingMail[], standIn?: NumberStandIn): Promise<void> {
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
    if (!standIn) return insertRows(manager, OutboxMessage, rows, true);
    for (const row of rows) await this.addNaming(manager, row, standIn);
  }

  /** One message, its subject and body finished by the statement that stores it, after the case's number is written. */
  private async addNaming(manager: EntityManager, row: OutboxMessage, standIn: NumberStandIn): Promise<void> {
    const columns = insertedColumns(manager, OutboxMessage);
    let sql = namingInserts.of(manager).get('insert');
    if (!sql) {
      const param = (i: number) => manager.connection.driver.createParameter(`p${i}`, i);
      const [text, caseId] = [param(columns.length), param(columns.length + 1)];
      const values = columns.map((column, i) =>
        column.propertyName === 'subject' || column.propertyName === 'body' ? `replace(${param(i)}, ${text}, "case"."case_number")` : param(i),
      );
      sql = `${insertHead(manager, OutboxMessage, columns)} SELECT ${values.join(', ')} FROM "cases" "case" WHERE "case"."id" = ${caseId} ON CONFLICT DO NOTHING`;
      namingInserts.of(manager).set('insert', sql);
    }
    await writeAndForget(manager, sql, [...rowValues(manager, columns, row), standIn.text, standIn.caseId]);
  }

  /** Which of these messages are in the outbox already (sent or not). */
  async existing(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await manager.find(OutboxMessage, { select: { id: true }, where: { id: In(ids) } });
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Takes up to `limit` due messages for one pass of the relay and leases them until `leaseUntil`,
   * so that no other pass, here or on another instance, sends them meanwhile (on PostgreSQL rows
   * another instance is claiming are skipped, not waited for).
   */
  async claimDue(manager: EntityManager, now: Date, limit: number, leaseUntil: Date): Promise<OutboxMessage[]> {
    const found = await manager.find(OutboxMessage, {
      where: { sentAt: IsNull(), nextAttemptAt: LessThanOrEqual(now) },
      order: { nextAttemptAt: 'ASC' },
      take: limit,
      ...skipLocked(manager),
    });
    if (found.length > 0) await manager.update(OutboxMessage, { id: In(found.map((m) => m.id)) }, { nextAttemptAt: leaseUntil });
    return found;
  }

  async markSent(manager: EntityManager, message: OutboxMessage, at: Date): Promise<void> {
    await manager.update(OutboxMessage, { id: message.id }, { sentAt: at, attempts: message.attempts + 1, lastError: null });
  }

  async markFailed(manager: EntityManager, message: OutboxMessage, attempts: number, nextAttemptAt: Date, lastError: string): Promise<void> {
    await manager.update(OutboxMessage, { id: message.id }, { attempts, nextAttemptAt, lastError });
  }
}
