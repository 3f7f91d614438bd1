import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import { DayKind } from '../../../workflows/calendar';
import { Text } from '../../common/validation';

const KINDS: readonly DayKind[] = ['day_off', 'working_day'];

export class SetCalendarDayDto {
  @ApiProperty({ enum: KINDS, description: 'day_off: a holiday or bridge day; working_day: a weekend day worked in exchange' })
  @IsIn(KINDS)
  kind!: DayKind;

  @Text(120) nameVi!: string;
  @Text(120) nameEn!: string;
}

export class SetCalendarYearDto {
  @ApiProperty({ description: 'true once the government’s schedule for the year is entered in full; computed holidays then stop' })
  @IsBoolean()
  published!: boolean;
}

export class CalendarDayDto {
  date!: string;
  kind!: DayKind;
  nameVi!: string;
  nameEn!: string;
  @ApiProperty({ enum: ['entered', 'computed'] }) source!: 'entered' | 'computed';
}

export class CalendarYearDto {
  year!: number;
  published!: boolean;
  days!: CalendarDayDto[];
}
