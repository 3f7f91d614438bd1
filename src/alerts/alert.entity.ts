import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AlertLevel } from '../../workflows/policy';
import { TimestampColumn } from '../database/columns';

/** A step that ran late (or is about to): one per task and rung of the ladder, never two. */
@Entity('alerts')
@Index('uq_alerts_task_level', ['taskId', 'level'], { unique: true })
@Index('idx_alerts_agency', ['agencyId', 'raisedAt'])
@Index('idx_alerts_lead_agency', ['leadAgencyId', 'raisedAt'])
@Index('idx_alerts_coordinator', ['coordinatorAgencyId', 'raisedAt'])
export class Alert {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'task_id', type: 'varchar', length: 36 })
  taskId!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId!: string;

  @Column({ type: 'varchar', length: 16 })
  level!: AlertLevel;

  /** The agency that owes the step; its supervisors see the alert. */
  @Column({ name: 'agency_id', type: 'varchar', length: 36 })
  agencyId!: string;

  /** The lead agency, when the rung tells it too. */
  @Column({ name: 'lead_agency_id', type: 'varchar', length: 36, nullable: true })
  leadAgencyId!: string | null;

  /** The province's coordinating body, when the rung goes up to it. */
  @Column({ name: 'coordinator_agency_id', type: 'varchar', length: 36, nullable: true })
  coordinatorAgencyId!: string | null;

  @Column({ name: 'commune_code', type: 'varchar', length: 48 })
  communeCode!: string;

  @Column({ type: 'varchar', length: 64 })
  step!: string;

  @TimestampColumn({ name: 'due_at' })
  dueAt!: Date;

  @TimestampColumn({ name: 'raised_at' })
  raisedAt!: Date;
}
