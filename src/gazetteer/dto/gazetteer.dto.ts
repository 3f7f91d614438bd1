import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CalendarDay, PageSize, Text } from '../../common/validation';
import { UnitLevel } from '../administrative-unit.entity';

const LEVELS: readonly UnitLevel[] = ['province', 'commune'];
/** Statistics codes: two digits for a province, five for a commune. */
export const PROVINCE_CODE = /^\d{2}$/;
export const COMMUNE_CODE = /^\d{5}$/;
export const UNIT_CODE = /^\d{2}$|^\d{5}$/;

/** A province's statistics code, checked for its form; whether the gazetteer knows it is the service's to check. */
export function ProvinceCode(): PropertyDecorator {
  return Matches(PROVINCE_CODE, { message: '$property must be a two-digit province code' });
}

/** A commune's (ward's, special zone's) statistics code, checked for its form. */
export function CommuneCode(): PropertyDecorator {
  return Matches(COMMUNE_CODE, { message: '$property must be a five-digit commune code' });
}

export class UnitQueryDto {
  @ApiPropertyOptional({ description: 'part of the name, with or without diacritics: "binh lu" finds "Xã Bình Lư"' })
  @IsOptional() @Text(120) q?: string;
  @IsOptional() @ProvinceCode() provinceCode?: string;
  @ApiPropertyOptional({ enum: LEVELS }) @IsOptional() @IsIn(LEVELS) level?: UnitLevel;
  @PageSize(20, 100) limit?: number;
}

export class CreateUnitDto {
  @ApiProperty({ description: 'the statistics code: two digits for a province, five for a commune' })
  @Matches(UNIT_CODE, { message: 'code must be two digits (province) or five (commune)' }) code!: string;
  @ApiProperty({ enum: LEVELS }) @IsIn(LEVELS) level!: UnitLevel;
  @Text(120) name!: string;
  @ApiPropertyOptional({ description: 'required for a commune' })
  @IsOptional() @ProvinceCode() provinceCode?: string;
}

export class RenameUnitDto {
  @Text(120) name!: string;
}

export class RecordMergerDto {
  @Matches(UNIT_CODE, { message: 'oldCode must be a unit code' }) oldCode!: string;
  @Matches(UNIT_CODE, { message: 'newCode must be a unit code' }) newCode!: string;
  @ApiProperty({ example: '2025-07-01' })
  @CalendarDay() effectiveOn!: string;
}

export class UnitDto {
  code!: string;
  @ApiProperty({ enum: LEVELS }) level!: UnitLevel;
  name!: string;
  provinceCode!: string | null;
  @ApiProperty({ description: 'the unit it was merged into, and from when', nullable: true, type: Object, example: { code: '03390', effectiveOn: '2025-07-01' } })
  mergedInto!: { code: string; effectiveOn: string } | null;
}

export class MergerDto {
  oldCode!: string;
  newCode!: string;
  effectiveOn!: string;
}
