import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CALLER_FLAG_KINDS, CallerFlagKind } from '../../../workflows/labels';
import { LabelDto } from '../../common/label.dto';
import { CalendarDay } from '../../common/validation';
import { PHONE } from '../../cases/dto/open-case.dto';

/** A phone number goes in the body, never in the address: addresses end up in access logs. */
export class CallerPhoneBodyDto {
  @ApiProperty({ example: '0912 345 678' }) @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, an optional leading +)' }) phone!: string;
}

export class SetCallerFlagDto extends CallerPhoneBodyDto {
  @ApiProperty({ enum: CALLER_FLAG_KINDS }) @IsIn(CALLER_FLAG_KINDS) kind!: CallerFlagKind;
  @ApiProperty({ description: 'the last day the flag is shown (Vietnam time), at most a year ahead' }) @CalendarDay() until!: string;
  @ApiPropertyOptional({ description: 'for the operators, without the caller’s name' }) @IsOptional() @IsString() @MaxLength(300) note?: string;
}

export class CallerFlagDto {
  @ApiProperty({ enum: CALLER_FLAG_KINDS }) kind!: string;
  @ApiProperty({ type: LabelDto }) label!: { vi: string; en: string };
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  until!: string;
  setBy!: string;
  setAt!: string;
}

export class CallerReportDto {
  caseNumber!: string;
  status!: string;
  @ApiProperty({ description: 'when the caller made this report' }) receivedAt!: string;
}

export class CallerProfileDto {
  @ApiProperty({ description: 'the number as +84…, old mobile prefixes mapped' }) phone!: string;
  @ApiProperty({ description: 'reports this number has made (among the last 200 cases it reported on)' }) totalReports!: number;
  @ApiProperty({ type: [CallerReportDto], description: 'the ten most recent' }) recentReports!: CallerReportDto[];
  @ApiProperty({ type: CallerFlagDto, nullable: true, description: 'null once its last day has passed' }) flag!: CallerFlagDto | null;
}
