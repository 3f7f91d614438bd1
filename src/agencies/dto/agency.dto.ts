import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, Matches, MaxLength, ValidateIf } from 'class-validator';
import { AGENCY_TYPES, AgencyType } from '../../../workflows/policy';
import { Agency, AgencyLevel } from '../agency.entity';
import { Optional, PageNumber, PageSize, Text } from '../../common/validation';
import { CommuneCode, ProvinceCode } from '../../gazetteer/dto/gazetteer.dto';

const LEVELS: readonly AgencyLevel[] = ['national', 'province', 'district', 'commune'];
const AREA_CODE = /^[A-Z0-9-]{2,48}$/;

export class CreateAgencyDto {
  @ApiProperty({ enum: AGENCY_TYPES }) @IsIn(AGENCY_TYPES) type!: AgencyType;
  @Text(200) nameVi!: string;
  @Text(200) nameEn!: string;
  @ApiProperty({ enum: LEVELS }) @IsIn(LEVELS) level!: AgencyLevel;
  @ApiPropertyOptional({ description: 'two-digit statistics code; required below national level', example: '12' })
  @ValidateIf((a: CreateAgencyDto) => a.level !== 'national')
  @ProvinceCode()
  provinceCode?: string;
  @ApiPropertyOptional({ description: 'only for a district-level body, where a province still has one' })
  @ValidateIf((a: CreateAgencyDto) => a.level === 'district' || (a.districtCode !== undefined && a.districtCode !== null))
  @Matches(AREA_CODE)
  districtCode?: string;
  @ApiPropertyOptional({ description: 'five-digit statistics code of a commune-level body’s commune or ward', example: '03390' })
  @ValidateIf((a: CreateAgencyDto) => a.level === 'commune')
  @CommuneCode()
  communeCode?: string;
  @IsOptional() @IsEmail() @MaxLength(200) email?: string;
}

/** A change to an agency; the agency as changed must still satisfy CreateAgencyDto (checked by the service). */
export class UpdateAgencyDto extends PartialType(CreateAgencyDto) {
  @Optional() @IsBoolean() active?: boolean;
}

export class AgencyQueryDto {
  @ApiPropertyOptional({ enum: AGENCY_TYPES }) @IsOptional() @IsIn(AGENCY_TYPES) type?: AgencyType;
  @IsOptional() @Matches(AREA_CODE) provinceCode?: string;
  @IsOptional() @Matches(AREA_CODE) communeCode?: string;
  @PageNumber() page?: number;
  @PageSize(50, 200) pageSize?: number;
}

export class AgencyDto {
  id!: string;
  type!: AgencyType;
  nameVi!: string;
  nameEn!: string;
  level!: AgencyLevel;
  provinceCode!: string | null;
  districtCode!: string | null;
  communeCode!: string | null;
  email!: string | null;
  active!: boolean;

  static from(agency: Agency): AgencyDto {
    const { id, type, nameVi, nameEn, level, provinceCode, districtCode, communeCode, email, active } = agency;
    return { id, type, nameVi, nameEn, level, provinceCode, districtCode, communeCode, email, active };
  }
}

export class AgencyPageDto {
  items!: AgencyDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}
