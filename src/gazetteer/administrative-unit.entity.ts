import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';

export type UnitLevel = 'province' | 'commune';

/**
 * A province, or a commune, ward or special zone within one, since the two-tier reorganisation of
 * 1 July 2025; the code is the General Statistics Office's.
 */
@Entity('administrative_units')
@Index('idx_units_province', ['provinceCode'])
export class AdministrativeUnit {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code!: string;

  @Column({ type: 'varchar', length: 16 })
  level!: UnitLevel;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  /** The name folded for search (see `foldForSearch`). */
  @Column({ name: 'search_name', type: 'varchar', length: 120 })
  searchName!: string;

  /** The province a commune belongs to; null for a province. */
  @Column({ name: 'province_code', type: 'varchar', length: 16, nullable: true })
  provinceCode!: string | null;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
