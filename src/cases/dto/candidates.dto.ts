import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { AGREEMENTS, MATCH_FIELDS } from '../../../workflows/duplicate-reports';
import { LabelDto } from '../../common/label.dto';
import { NestedObject } from '../../common/validation';
import { ChildDto, GuardianDto, LocationDto, PHONE } from './open-case.dto';

/** While the operator types: sex may not be chosen yet. */
export class CandidateChildDto extends PartialType(ChildDto) {}

export class CallerPhoneDto {
  @IsOptional() @Matches(PHONE) phone?: string;
}

/** What is known of the child so far, to look for cases about them before one is opened. */
export class FindCandidatesDto {
  @ApiPropertyOptional({ description: 'When the report was received; defaults to now, never in the future' })
  @IsOptional() @IsISO8601({ strict: true }) receivedAt?: string;
  @NestedObject(() => LocationDto) location!: LocationDto;
  @NestedObject(() => CandidateChildDto) child!: CandidateChildDto;
  @NestedObject(() => GuardianDto, { optional: true }) guardian?: GuardianDto;
  @NestedObject(() => CallerPhoneDto, { optional: true }) reporter?: CallerPhoneDto;
}

export class EvidenceDto {
  @ApiProperty({ enum: MATCH_FIELDS }) field!: string;
  @ApiProperty({ enum: AGREEMENTS }) agreement!: string;
  @ApiProperty({ type: LabelDto }) label!: { vi: string; en: string };
  @ApiProperty({ type: LabelDto }) agreementLabel!: { vi: string; en: string };
}

export class CandidateChildViewDto {
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: Number, nullable: true }) ageYears!: number | null;
  @ApiProperty({ type: String, nullable: true }) dateOfBirth!: string | null;
  @ApiProperty({ type: String, nullable: true }) sex!: string | null;
}

export class CandidateDto {
  caseId!: string;
  caseNumber!: string;
  status!: string;
  receivedAt!: string;
  communeCode!: string;
  @ApiProperty({ description: 'how likely the report is about this case’s child, 0–1' }) score!: number;
  @ApiProperty({ enum: ['likely', 'possible'] }) level!: 'likely' | 'possible';
  @ApiProperty({ type: [EvidenceDto] }) evidence!: EvidenceDto[];
  @ApiProperty({ type: CandidateChildViewDto, nullable: true, description: 'only where your agency may read the case' })
  child!: CandidateChildViewDto | null;
}

export class ThresholdsDto {
  likely!: number;
  possible!: number;
}

export class CandidatesDto {
  @ApiProperty({ type: ThresholdsDto }) thresholds!: ThresholdsDto;
  @ApiProperty({ type: [CandidateDto] }) candidates!: CandidateDto[];
}
