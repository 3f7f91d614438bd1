import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IndicatorFigures } from '../../workflows/indicators';
import { ReportLevel } from '../../workflows/reporting-periods';
import { JsonColumn, TimestampColumn } from '../database/columns';

export type ReportStatus = 'submitted' | 'received';
/** Where the figures came from: the unit's own cases, or the sum of its communes' submitted reports. */
export type ReportSource = 'cases' | 'consolidated';

/** A unit's report for a period, frozen when submitted: its figures and its workbook, each hashed. */
@Entity('reports')
@Index('uq_reports_unit_period', ['unitLevel', 'unitCode', 'periodId'], { unique: true })
export class ReportRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'unit_level', type: 'varchar', length: 16 })
  unitLevel!: ReportLevel;

  @Column({ name: 'unit_code', type: 'varchar', length: 48 })
  unitCode!: string;

  @Column({ name: 'period_id', type: 'varchar', length: 8 })
  periodId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ReportStatus;

  @Column({ type: 'varchar', length: 16 })
  source!: ReportSource;

  @Column({ name: 'indicators_version', type: 'varchar', length: 16 })
  indicatorsVersion!: string;

  @JsonColumn()
  figures!: FrozenFigures;

  @Column({ name: 'figures_hash', type: 'varchar', length: 64 })
  figuresHash!: string;

  /** The workbook as sent up (small cells suppressed), base64. */
  @Column({ type: 'text' })
  workbook!: string;

  @Column({ name: 'workbook_hash', type: 'varchar', length: 64 })
  workbookHash!: string;

  /** The agency that reported. */
  @Column({ name: 'agency_id', type: 'varchar', length: 36 })
  agencyId!: string;

  @Column({ name: 'submitted_by', type: 'varchar', length: 64 })
  submittedBy!: string;

  @TimestampColumn({ name: 'submitted_at' })
  submittedAt!: Date;

  @TimestampColumn({ name: 'due_at' })
  dueAt!: Date;

  @Column({ name: 'received_by', type: 'varchar', length: 64, nullable: true })
  receivedBy!: string | null;

  @TimestampColumn({ name: 'received_at', nullable: true })
  receivedAt!: Date | null;
}

export interface ManualFigure {
  indicatorId: string;
  value: number;
  enteredBy: string;
  enteredAt: string;
}

/** What a submitted report froze: every case indicator's figures (all counts, none suppressed) and the hand-entered ones. */
export interface FrozenFigures {
  indicators: IndicatorFigures[];
  manual: ManualFigure[];
  /** For a consolidation: the communes whose reports it sums. */
  communes?: string[];
}
