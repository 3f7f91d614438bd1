import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DayKind } from '../../workflows/calendar';
import { TimestampColumn } from '../database/columns';

/** A day that differs from the Monday–Friday week: a day off, or a Saturday worked in exchange. */
@Entity('calendar_days')
export class CalendarDayRecord {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: DayKind;

  @Column({ name: 'name_vi', type: 'varchar', length: 120 })
  nameVi!: string;

  @Column({ name: 'name_en', type: 'varchar', length: 120 })
  nameEn!: string;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 64 })
  updatedBy!: string;
}

/** A year whose official schedule is entered in full, so no holiday of it is computed. */
@Entity('calendar_years')
export class CalendarYearRecord {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'boolean' })
  published!: boolean;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 64 })
  updatedBy!: string;
}
