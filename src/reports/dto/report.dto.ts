import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { ReportLevel } from '../../../workflows/reporting-periods';
import { Label } from '../../../workflows/policy';
import { ReportSheet } from '../report-files';

export class SubmitReportDto {
  @ApiPropertyOptional({ enum: ['cases', 'consolidated'], description: 'cases: the unit’s own cases (default); consolidated: the sum of the communes’ submitted reports (a province only)' })
  @IsOptional() @IsIn(['cases', 'consolidated'])
  source?: 'cases' | 'consolidated';
}

export class ManualValueDto {
  @ApiProperty({ minimum: 0, description: 'a count, or a rate in per cent' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }) @Min(0) @Max(1e9)
  value!: number;
}

export class ReportFormatQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional() @IsIn(['xlsx', 'csv'])
  format?: 'xlsx' | 'csv';
}

export class ManualFigureDto {
  id!: string;
  label!: Label;
  clause!: string;
  unit!: Label;
  value!: number | null;
  enteredBy!: string | null;
  enteredAt!: string | null;
}

export class ReportDto {
  unit!: { level: ReportLevel; code: string; name: string };
  period!: { id: string; label: Label; firstDay: string; lastDay: string };
  @ApiProperty({ description: 'the body that reports for the unit', nullable: true })
  agency!: { id: string; nameVi: string; nameEn: string } | null;
  @ApiProperty({ enum: ['draft', 'submitted', 'received'] }) status!: 'draft' | 'submitted' | 'received';
  statusLabel!: Label;
  @ApiProperty({ enum: ['cases', 'consolidated'] }) source!: 'cases' | 'consolidated';
  indicatorsVersion!: string;
  dueAt!: string;
  @ApiProperty({ description: 'not submitted and past its due date' }) overdue!: boolean;
  @ApiProperty({ description: 'small cells hidden: the report is read outside the commune' }) suppressed!: boolean;
  suppressionThreshold!: number | null;
  @ApiProperty({ description: 'every case indicator: its total and its breakdowns' }) indicators!: ReportSheet[];
  manual!: ManualFigureDto[];
  @ApiProperty({ nullable: true, type: [String], description: 'for a consolidation: the communes whose reports it sums' })
  consolidatedCommunes!: string[] | null;
  submittedBy!: string | null;
  submittedAt!: string | null;
  receivedBy!: string | null;
  receivedAt!: string | null;
  figuresHash!: string | null;
  workbookHash!: string | null;
}

export class CommuneReportStatusDto {
  communeCode!: string;
  name!: string;
  agency!: { id: string; nameVi: string; nameEn: string };
  @ApiProperty({ enum: ['missing', 'submitted', 'received'] }) status!: 'missing' | 'submitted' | 'received';
  submittedAt!: string | null;
  dueAt!: string;
  overdue!: boolean;
}

export class ConsolidationDto {
  provinceCode!: string;
  period!: string;
  dueAt!: string;
  communes!: CommuneReportStatusDto[];
  @ApiProperty({ description: 'the sum of the communes’ submitted reports, small cells hidden' }) sum!: ReportSheet[];
  manual!: ManualFigureDto[];
}

export class LateReportDto {
  unit!: { level: ReportLevel; code: string; name: string };
  period!: { id: string; label: Label };
  dueAt!: string;
  @ApiProperty({ description: 'the body that owes the report' }) agency!: { id: string; nameVi: string; nameEn: string };
  @ApiProperty({ description: 'true: your agency owes it; false: your agency waits for it' }) yours!: boolean;
}

export interface ReportFile {
  name: string;
  type: string;
  body: Buffer;
}
