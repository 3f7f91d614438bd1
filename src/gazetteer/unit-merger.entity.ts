import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';

/**
 * A unit merged into another from a given day. Cases keep the code they were reported with; reports
 * and routing follow the merger to the unit that answers for the place now.
 */
@Entity('unit_mergers')
export class UnitMerger {
  @PrimaryColumn({ name: 'old_code', type: 'varchar', length: 16 })
  oldCode!: string;

  @Column({ name: 'new_code', type: 'varchar', length: 16 })
  newCode!: string;

  /** YYYY-MM-DD, Vietnam time. */
  @Column({ name: 'effective_on', type: 'varchar', length: 10 })
  effectiveOn!: string;

  @TimestampColumn({ name: 'recorded_at' })
  recordedAt!: Date;
}
