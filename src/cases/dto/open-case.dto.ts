import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { Category } from '../../../workflows/case.machine';
import { CATEGORIES, Channel, CHANNELS, SEXES } from '../case-intake';
import { ChildWorkDto, FindingsDto } from './findings.dto';
import { CalendarDay, NestedObject, Text } from '../../common/validation';
import { CommuneCode, ProvinceCode } from '../../gazetteer/dto/gazetteer.dto';

const AREA_CODE = /^[A-Z0-9-]{2,48}$/;
export const PHONE = /^\+?[0-9 ]{6,20}$/;

/** Where it happened, in the gazetteer's statistics codes (GET /gazetteer/units finds them by name). */
export class LocationDto {
  @ApiProperty({ description: 'the province’s two-digit statistics code, e.g. 12 for Lai Châu', example: '12' })
  @ProvinceCode() provinceCode!: string;
  @ApiPropertyOptional({ description: 'only where a district still exists in the set-up; none since 1 July 2025' })
  @IsOptional() @Matches(AREA_CODE) districtCode?: string;
  @ApiProperty({ description: 'the commune, ward or special zone where it happened (five digits); the case goes to its people’s committee', example: '03390' })
  @CommuneCode() communeCode!: string;
  @IsOptional() @IsString() @MaxLength(300) address?: string;
}

export class ChildDto {
  @IsOptional() @IsString() @MaxLength(120) name?: string;
  @IsOptional() @CalendarDay() dateOfBirth?: string;
  @ApiPropertyOptional({ description: 'When the date of birth is not known' })
  @IsOptional() @IsInt() @Min(0) @Max(17) estimatedAgeYears?: number;
  @ApiProperty({ enum: SEXES }) @IsIn(SEXES) sex!: (typeof SEXES)[number];
  @IsOptional() @IsString() @MaxLength(60) ethnicity?: string;
}

export class ReporterDto {
  @IsBoolean() anonymous!: boolean;
  @ApiProperty({ description: 'The reporter agreed to be recorded; required to keep any detail of theirs' })
  @ValidateIf((r: ReporterDto) => !r.anonymous)
  @Equals(true, { message: 'a named reporter must consent to being recorded' })
  consent!: boolean;
  @ValidateIf((r: ReporterDto) => !r.anonymous) @Text(120) name?: string;
  @ValidateIf((r: ReporterDto) => !r.anonymous) @IsOptional() @Matches(PHONE) phone?: string;
  @ApiPropertyOptional({ description: 'How the caller knows the child (neighbour, teacher); kept for an anonymous caller too' })
  @IsOptional() @IsString() @MaxLength(60) relationship?: string;
}

/** The parent or guardian the caller names: how the family is reached, and how a second report of the child is recognised. */
export class GuardianDto {
  @IsOptional() @IsString() @MaxLength(120) name?: string;
  @IsOptional() @Matches(PHONE) phone?: string;
}

/**
 * What the operator decided about the cases shown as likely the same child: link this report to
 * one of them, or confirm it is another child.
 */
export class DuplicateDecisionDto {
  @ApiPropertyOptional({ description: 'the case this report is about: it is added to that case’s history instead of opening one' })
  @IsOptional() @IsUUID() linkTo?: string;
  @ApiPropertyOptional({ type: [String], description: 'the candidate cases the operator checked and found to be other children' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) notDuplicateOf?: string[];
}

/** Mẫu số 01: what the hotline operator or receiving body records (Decree 56/2017 art. 25(1)). */
export class OpenCaseDto {
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel!: Channel;
  @ApiPropertyOptional({ description: 'When the report was received; defaults to now, never in the future' })
  @IsOptional() @IsISO8601({ strict: true }) receivedAt?: string;
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) category!: Category;
  @NestedObject(() => LocationDto) location!: LocationDto;
  @NestedObject(() => ChildDto) child!: ChildDto;
  @ApiProperty({ description: 'The child’s condition as reported' })
  @Text(4000) condition!: string;
  @ApiPropertyOptional({ description: 'Where the child is now, if known: another province, a workplace' })
  @IsOptional() @IsString() @MaxLength(500) whereNow?: string;
  @ApiPropertyOptional({ description: 'Who took the child away or holds them now, as the caller says' })
  @IsOptional() @IsString() @MaxLength(500) takenBy?: string;
  @IsOptional() @IsString() @MaxLength(2000) likelyHarm?: string;
  @IsOptional() @IsString() @MaxLength(1000) caregivers?: string;
  @NestedObject(() => GuardianDto, { optional: true }) guardian?: GuardianDto;
  @IsOptional() @IsString() @MaxLength(2000) actionsTaken?: string;
  @NestedObject(() => ReporterDto) reporter!: ReporterDto;
  @NestedObject(() => FindingsDto, { optional: true }) signs?: FindingsDto;
  @NestedObject(() => ChildWorkDto, { optional: true }) work?: ChildWorkDto;
  @NestedObject(() => DuplicateDecisionDto, { optional: true }) duplicates?: DuplicateDecisionDto;
}
