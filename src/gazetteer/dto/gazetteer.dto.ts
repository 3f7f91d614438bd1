import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Text } from '../../common/validation';
import { UnitLevel } from '../administrative-unit.entity';

const LEVELS: readonly UnitLevel[] = ['province', 'commune'];
/** Statistics codes: two digits for a province, five for a commune. */
export const UNIT_CODE = /^\d{2}$|^\d{5}$/;

export class UnitQueryDto {
  @ApiPropertyOptional({ description: 'part of the name, with or without diacritics: "binh lu" finds "Xã Bình Lư"' })
  @IsOptional() @Text(120) q?: string;
  @IsOptional() @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit province code' }) provinceCode?: string;
  @ApiPropertyOptional({ enum: LEVELS }) @IsOptional() @IsIn(LEVELS) level?: UnitLevel;
  @ApiPropertyOptional({ default: 20 })
  @IsOptional() @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(100)
  limit?: number;
}

export class CreateUnitDto {
  @ApiProperty({ description: 'the statistics code: two digits for a province, five for a commune' })
  @Matches(UNIT_CODE, { message: 'code must be two digits (province) or five (commune)' }) code!: string;
  @ApiProperty({ enum: LEVELS }) @IsIn(LEVELS) level!: UnitLevel;
  @Text(120) name!: string;
  @ApiPropertyOptional({ description: 'required for a commune' })
  @IsOptional() @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit province code' }) provinceCode?: string;
}

export class RenameUnitDto {
  @Text(120) name!: string;
}

export class RecordMergerDto {
  @Matches(UNIT_CODE, { message: 'oldCode must be a unit code' }) oldCode!: string;
  @Matches(UNIT_CODE, { message: 'newCode must be a unit code' }) newCode!: string;
  @ApiProperty({ example: '2025-07-01' })
  @IsDateString({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveOn must be a date YYYY-MM-DD' }) effectiveOn!: string;
}

export class UnitDto {
  code!: string;
  @ApiProperty({ enum: LEVELS }) level!: UnitLevel;
  name!: string;
  provinceCode!: string | null;
  @ApiPropertyOptional({ description: 'the unit it was merged into, and from when' })
  mergedInto!: { code: string; effectiveOn: string } | null;
}

export class MergerDto {
  oldCode!: string;
  newCode!: string;
  effectiveOn!: string;
}
