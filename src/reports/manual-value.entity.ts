import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ReportLevel } from '../../workflows/reporting-periods';
import { TimestampColumn } from '../database/columns';

/** A figure the cases cannot give (people reached by awareness sessions, a survey's rate), entered by hand. */
@Entity('report_manual_values')
export class ManualValue {
  @PrimaryColumn({ name: 'unit_level', type: 'varchar', length: 16 })
  unitLevel!: ReportLevel;

  @PrimaryColumn({ name: 'unit_code', type: 'varchar', length: 48 })
  unitCode!: string;

  @PrimaryColumn({ name: 'period_id', type: 'varchar', length: 8 })
  periodId!: string;

  @PrimaryColumn({ name: 'indicator_id', type: 'varchar', length: 48 })
  indicatorId!: string;

  @Column({ type: 'double precision' })
  value!: number;

  @Column({ name: 'entered_by', type: 'varchar', length: 64 })
  enteredBy!: string;

  @Column({ name: 'entered_by_agency_id', type: 'varchar', length: 36 })
  enteredByAgencyId!: string;

  @TimestampColumn({ name: 'entered_at' })
  enteredAt!: Date;
}
