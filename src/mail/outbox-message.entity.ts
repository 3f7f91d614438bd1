import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../database/columns';

/**
 * An e-mail written in the transaction of the change that causes it, and delivered afterwards.
 * The id is the message's identity: the same cause never writes two, and receivers de-duplicate on it.
 */
@Entity('outbox_messages')
@Index('idx_outbox_pending', ['sentAt', 'nextAttemptAt'])
export class OutboxMessage {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @JsonColumn()
  recipients!: string[];

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'integer' })
  attempts!: number;

  @TimestampColumn({ name: 'next_attempt_at' })
  nextAttemptAt!: Date;

  @TimestampColumn({ name: 'sent_at', nullable: true })
  sentAt!: Date | null;

  /** The transport's error class and code only: an SMTP reply can echo addresses. */
  @Column({ name: 'last_error', type: 'varchar', length: 300, nullable: true })
  lastError!: string | null;
}
