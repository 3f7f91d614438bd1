import { ApiProperty } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { AGENCY_TYPES, AgencyType } from '../../../workflows/policy';
import { REPORT_SCHEDULES } from '../../../workflows/reporting-periods';

const SCHEDULE_IDS = REPORT_SCHEDULES.map((s) => s.id);

export class SetReportingChainDto {
  @ApiProperty({ enum: AGENCY_TYPES, isArray: true, description: 'bodies that lead a case in a commune, in order of preference', example: ['CULTURE_SOCIAL', 'COMMUNE_PC'] })
  @IsArray() @ArrayNotEmpty() @ArrayUnique() @IsIn(AGENCY_TYPES, { each: true })
  communeLeadTypes!: AgencyType[];

  @ApiProperty({ nullable: true, description: 'the province-level body that coordinates and receives escalations; null: its Sở Y tế, else its social work centre' })
  @ValidateIf((_o: object, value: unknown) => value !== null)
  @IsUUID()
  coordinatorAgencyId!: string | null;

  @ApiProperty({ enum: SCHEDULE_IDS, required: false, description: 'the plan whose due dates its periodic reports follow; absent: the 2026–2030 ward plan' })
  @IsOptional() @IsIn(SCHEDULE_IDS)
  reportSchedule?: string;
}

export class ReportingChainDto {
  provinceCode!: string;
  @ApiProperty({ enum: AGENCY_TYPES, isArray: true }) communeLeadTypes!: AgencyType[];
  coordinatorAgencyId!: string | null;
  @ApiProperty({ description: 'the body that coordinates now (the one named, or the default)', nullable: true })
  coordinator!: { id: string; nameVi: string; nameEn: string } | null;
  @ApiProperty({ enum: SCHEDULE_IDS }) reportSchedule!: string;
  @ApiProperty({ description: 'false: the province has no chain of its own and follows the default' }) configured!: boolean;
}
