import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CallerFlagKind } from '../../workflows/labels';
import { TimestampColumn } from '../database/columns';

/** What the hotline noted about a caller's number, until a last day. */
@Entity('caller_flags')
export class CallerFlag {
  /** As +84…, old mobile prefixes mapped. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  phone!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: CallerFlagKind;

  @Column({ type: 'varchar', length: 300, nullable: true })
  note!: string | null;

  /** The last day it is shown, Vietnam time (YYYY-MM-DD). */
  @Column({ type: 'varchar', length: 10 })
  until!: string;

  @Column({ name: 'set_by', type: 'varchar', length: 64 })
  setBy!: string;

  @Column({ name: 'set_by_agency_id', type: 'varchar', length: 36 })
  setByAgencyId!: string;

  @TimestampColumn({ name: 'set_at' })
  setAt!: Date;
}
