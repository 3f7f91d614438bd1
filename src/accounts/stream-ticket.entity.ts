import { Entity, PrimaryColumn } from 'typeorm';
import { Actor } from '../common/actor.decorator';
import { JsonColumn, TimestampColumn } from '../database/columns';

/** A short-lived, single-use ticket to open an event stream, since a browser's EventSource cannot send a token in a header. */
@Entity('stream_tickets')
export class StreamTicket {
  /** SHA-256 of the ticket: a copy of the table lets nobody in. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  hash!: string;

  /** Who asked for it, as their access token said. */
  @JsonColumn()
  actor!: Actor;

  @TimestampColumn({ name: 'expires_at' })
  expiresAt!: Date;
}
