import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../database/columns';

export type AuditOutcome = 'ok' | 'denied' | 'failed';

/**
 * One line of the audit trail: who did what to which record, never the personal data itself. Each
 * line carries the hash of the line before and its own, so an edit anywhere breaks the chain there.
 */
@Entity('audit_log')
@Index('idx_audit_subject', ['subjectType', 'subjectId'])
export class AuditEntry {
  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @TimestampColumn()
  at!: Date;

  @Column({ name: 'actor_id', type: 'varchar', length: 64 })
  actorId!: string;

  @Column({ name: 'actor_agency_id', type: 'varchar', length: 36, nullable: true })
  actorAgencyId!: string | null;

  @Column({ type: 'varchar', length: 48 })
  action!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 16, nullable: true })
  subjectType!: string | null;

  @Column({ name: 'subject_id', type: 'varchar', length: 64, nullable: true })
  subjectId!: string | null;

  @Column({ type: 'varchar', length: 8 })
  outcome!: AuditOutcome;

  @JsonColumn()
  detail!: Record<string, string | number | boolean | null>;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
