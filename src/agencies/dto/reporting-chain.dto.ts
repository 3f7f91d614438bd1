import { ApiProperty } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsUUID, ValidateIf } from 'class-validator';
import { AGENCY_TYPES, AgencyType } from '../../../workflows/policy';

export class SetReportingChainDto {
  @ApiProperty({ enum: AGENCY_TYPES, isArray: true, description: 'bodies that lead a case in a commune, in order of preference', example: ['CULTURE_SOCIAL', 'COMMUNE_PC'] })
  @IsArray() @ArrayNotEmpty() @ArrayUnique() @IsIn(AGENCY_TYPES, { each: true })
  communeLeadTypes!: AgencyType[];

  @ApiProperty({ nullable: true, description: 'the province-level body that coordinates and receives escalations; null: its Sở Y tế, else its social work centre' })
  @ValidateIf((_o: object, value: unknown) => value !== null)
  @IsUUID()
  coordinatorAgencyId!: string | null;
}

export class ReportingChainDto {
  provinceCode!: string;
  @ApiProperty({ enum: AGENCY_TYPES, isArray: true }) communeLeadTypes!: AgencyType[];
  coordinatorAgencyId!: string | null;
  @ApiProperty({ description: 'the body that coordinates now (the one named, or the default)', nullable: true })
  coordinator!: { id: string; nameVi: string; nameEn: string } | null;
  @ApiProperty({ description: 'false: the province has no chain of its own and follows the default' }) configured!: boolean;
}
