import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AgencyType } from '../../workflows/policy';
import { TimestampColumn } from '../database/columns';

export type AgencyLevel = 'national' | 'province' | 'district' | 'commune';

/** A body that receives, verifies or supports cases, and the area it answers for. */
@Entity('agencies')
@Index('idx_agencies_type_province', ['type', 'provinceCode'])
export class Agency {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: AgencyType;

  @Column({ name: 'name_vi', type: 'varchar', length: 200 })
  nameVi!: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn!: string;

  @Column({ type: 'varchar', length: 16 })
  level!: AgencyLevel;

  @Column({ name: 'province_code', type: 'varchar', length: 16, nullable: true })
  provinceCode!: string | null;

  @Column({ name: 'district_code', type: 'varchar', length: 32, nullable: true })
  districtCode!: string | null;

  @Column({ name: 'commune_code', type: 'varchar', length: 48, nullable: true })
  communeCode!: string | null;

  /** Where alerts and referral notices go; an office mailbox, never a person's. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  email!: string | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
