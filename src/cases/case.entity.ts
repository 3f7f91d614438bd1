import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { PersistedCase } from '../../workflows/case-workflow';
import { JsonColumn, TimestampColumn } from '../database/columns';
import { CaseIntake } from './case-intake';

/** One reported child's case: the Mẫu số 01 intake and where the statechart stands. */
@Entity('cases')
@Index('idx_cases_commune_status', ['communeCode', 'status'])
@Index('idx_cases_received', ['receivedAt'])
@Index('idx_cases_machine_version', ['machineVersion'])
export class CaseRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Human-readable and unique: province–year–sequence, e.g. 12-2026-00042. */
  @Column({ name: 'case_number', type: 'varchar', length: 32, unique: true })
  caseNumber!: string;

  @Column({ name: 'province_code', type: 'varchar', length: 16 })
  provinceCode!: string;

  @Column({ name: 'district_code', type: 'varchar', length: 32, nullable: true })
  districtCode!: string | null;

  @Column({ name: 'commune_code', type: 'varchar', length: 48 })
  communeCode!: string;

  @Column({ name: 'receiving_agency_id', type: 'varchar', length: 36 })
  receivingAgencyId!: string;

  @TimestampColumn({ name: 'received_at' })
  receivedAt!: Date;

  @Column({ type: 'varchar', length: 32 })
  channel!: string;

  @Column({ type: 'varchar', length: 32 })
  category!: string;

  @JsonColumn()
  intake!: CaseIntake;

  /** Top-level step (`verification`, `support`, `closed` …), for listing and reports. */
  @Column({ type: 'varchar', length: 48 })
  status!: string;

  @JsonColumn()
  snapshot!: PersistedCase;

  @Column({ name: 'machine_version', type: 'integer' })
  machineVersion!: number;

  @Column({ name: 'policy_version', type: 'varchar', length: 16 })
  policyVersion!: string;

  /** Optimistic concurrency: every accepted event increments it, and it equals the history length. */
  @Column({ type: 'integer' })
  version!: number;

  @TimestampColumn({ name: 'opened_at' })
  openedAt!: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: Date;

  @TimestampColumn({ name: 'closed_at', nullable: true })
  closedAt!: Date | null;
}
