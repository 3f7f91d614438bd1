import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';

/**
 * Sign-in failures for one username (known or not, so that both behave alike) from one address,
 * and when that address last signed in to it: the throttle's memory, kept in the database so that
 * a restart or a second instance does not forget it.
 */
@Entity('sign_in_records')
export class SignInRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  username!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  address!: string;

  /** Wrong passwords since the last success; counted by the database (`failures + 1`), never read-modify-written. */
  @Column({ type: 'integer' })
  failures!: number;

  @TimestampColumn({ name: 'last_failed_at', nullable: true })
  lastFailedAt!: Date | null;

  @TimestampColumn({ name: 'last_succeeded_at', nullable: true })
  lastSucceededAt!: Date | null;
}
