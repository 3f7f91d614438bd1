import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TaskAction } from '../../workflows/case.machine';
import { AlertLevel, Role } from '../../workflows/policy';
import { TimestampColumn } from '../database/columns';

export type TaskStatus = 'open' | 'done';

/** A step some agency owes on a case: the inbox is the open ones, soonest due first. */
@Entity('tasks')
@Index('idx_tasks_inbox', ['agencyId', 'status', 'dueAt'])
@Index('idx_tasks_due', ['status', 'dueAt'])
@Index('idx_tasks_case', ['caseId', 'status'])
@Index('idx_tasks_next_alert', ['status', 'nextAlertAt'])
export class Task {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId!: string;

  /** The statechart state this task stands for, e.g. `support.police.pending`. */
  @Column({ type: 'varchar', length: 64 })
  step!: string;

  @Column({ type: 'varchar', length: 32 })
  action!: TaskAction;

  @Column({ type: 'varchar', length: 32, nullable: true })
  referral!: string | null;

  @Column({ name: 'agency_id', type: 'varchar', length: 36 })
  agencyId!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ name: 'commune_code', type: 'varchar', length: 48 })
  communeCode!: string;

  @TimestampColumn({ name: 'due_at' })
  dueAt!: Date;

  @Column({ type: 'varchar', length: 8 })
  status!: TaskStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  assignee!: string | null;

  @TimestampColumn({ name: 'claimed_at', nullable: true })
  claimedAt!: Date | null;

  @TimestampColumn({ name: 'opened_at' })
  openedAt!: Date;

  @TimestampColumn({ name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  /** The highest rung of the escalation ladder raised so far. */
  @Column({ name: 'alert_level', type: 'varchar', length: 16, nullable: true })
  alertLevel!: AlertLevel | null;

  /** When the scanner must look at this task again; null once the ladder is climbed. */
  @TimestampColumn({ name: 'next_alert_at', nullable: true })
  nextAlertAt!: Date | null;

  /** The workflow version whose statechart opened the step; `step` is named as that version names it. */
  @Column({ name: 'machine_version', type: 'integer' })
  machineVersion!: number;

  /** The policy version that set `dueAt` and the escalation ladder; a newer policy leaves it as it is. */
  @Column({ name: 'policy_version', type: 'varchar', length: 16 })
  policyVersion!: string;

  /** The history line (`case_events.seq`) whose event closed the task. */
  @Column({ name: 'closed_by_seq', type: 'integer', nullable: true })
  closedBySeq!: number | null;

  /** How many times the row has changed, counted by the database itself (see the TaskRevisions migration). */
  @Column({ type: 'integer', default: 0, insert: false, update: false })
  revision!: number;
}
