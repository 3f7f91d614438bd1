import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../database/columns';

/** One line of a case's append-only history; `seq` 1 is the opening, and replay follows `seq`. */
@Entity('case_events')
@Index('uq_case_events_case_seq', ['caseId', 'seq'], { unique: true })
export class CaseEventRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 48 })
  type!: string;

  @JsonColumn()
  payload!: object;

  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @TimestampColumn()
  at!: Date;
}
