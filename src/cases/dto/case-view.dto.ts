import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { LabelDto } from '../../common/label.dto';
import { CATEGORY_LABELS, CHANNELS, SEXES } from '../../../workflows/labels';
import { REFERRAL_KINDS } from '../../../workflows/policy';
import { FindingsDto, ChildWorkDto } from './findings.dto';
import { AllowedEvent } from '../../../workflows/case-workflow';
import { Classification } from '../../../workflows/child-labour';
import { Findings, Label, Referral } from '../../../workflows/case.machine';
import { ReferralKind } from '../../../workflows/policy';
import { TaskDto } from '../../tasks/dto/task.dto';
import { CaseIntake } from '../case-intake';

export class StateDto {
  @ApiProperty({ example: 'support.police.pending' }) path!: string;
  @ApiProperty({ type: LabelDto }) label!: Label;
}

export class ReasonDto {
  code!: string;
  @ApiProperty({ description: 'the legal basis applied', example: 'Labour Code 2019 art. 147(1)' }) basis!: string;
  vi!: string;
  en!: string;
}

export class ClassificationDto {
  @ApiProperty({ enum: ['unlawful', 'approval_required', 'at_risk', 'permitted'] }) verdict!: string;
  @ApiProperty({ type: [ReasonDto] }) reasons!: ReasonDto[];
  @ApiProperty({ description: 'the police must hear of it at once' }) policeReferral!: boolean;
}

export class AllowedEventDto {
  type!: string;
  @ApiPropertyOptional({ enum: REFERRAL_KINDS, isArray: true, description: 'for referral events: the referrals it may name now' }) referrals?: string[];
}

export class ReferralDeclineDto {
  reason!: string;
  at!: string;
  @ApiProperty({ type: String, nullable: true }) agencyId!: string | null;
}

export class ReferralDto {
  @ApiProperty({ type: [String], description: 'agency types that may take it, preferred first' }) to!: string[];
  @ApiProperty({ type: String, nullable: true }) agencyId!: string | null;
  openedAt!: string;
  clockFrom!: string;
  @ApiProperty({ type: [ReferralDeclineDto] }) declines!: ReferralDeclineDto[];
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: String, nullable: true }) result!: string | null;
  @ApiProperty({ type: String, nullable: true }) extendedUntil!: string | null;
}

export class ReferralsDto {
  @ApiPropertyOptional({ type: ReferralDto }) police?: ReferralDto;
  @ApiPropertyOptional({ type: ReferralDto }) education?: ReferralDto;
  @ApiPropertyOptional({ type: ReferralDto }) health?: ReferralDto;
  @ApiPropertyOptional({ type: ReferralDto }) socialSupport?: ReferralDto;
  @ApiPropertyOptional({ type: ReferralDto }) labourInspection?: ReferralDto;
  @ApiPropertyOptional({ type: ReferralDto }) shelter?: ReferralDto;
}

const nullableText = { type: String, nullable: true } as const;

export class IntakeLocationDto {
  provinceCode!: string;
  @ApiProperty(nullableText) districtCode!: string | null;
  communeCode!: string;
  @ApiProperty(nullableText) address!: string | null;
}

export class IntakeChildDto {
  @ApiPropertyOptional(nullableText) name?: string | null;
  @ApiPropertyOptional(nullableText) dateOfBirth?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) estimatedAgeYears?: number | null;
  @ApiPropertyOptional({ enum: SEXES }) sex?: string;
  @ApiPropertyOptional(nullableText) ethnicity?: string | null;
}

export class IntakeReporterDto {
  anonymous!: boolean;
  consent!: boolean;
  @ApiProperty(nullableText) name!: string | null;
  @ApiProperty(nullableText) phone!: string | null;
  @ApiProperty(nullableText) relationship!: string | null;
}

/** The Mẫu số 01 report as the agency's packet shows it: fields outside the packet are left out. */
export class IntakeViewDto {
  @ApiPropertyOptional({ enum: CHANNELS }) channel?: string;
  @ApiPropertyOptional() receivedAt?: string;
  @ApiPropertyOptional({ enum: Object.keys(CATEGORY_LABELS) }) category?: string;
  @ApiPropertyOptional({ type: IntakeLocationDto }) location?: IntakeLocationDto;
  @ApiProperty({ type: IntakeChildDto }) child!: IntakeChildDto;
  @ApiPropertyOptional() condition?: string;
  @ApiPropertyOptional(nullableText) whereNow?: string | null;
  @ApiPropertyOptional(nullableText) takenBy?: string | null;
  @ApiPropertyOptional(nullableText) likelyHarm?: string | null;
  @ApiPropertyOptional(nullableText) caregivers?: string | null;
  @ApiPropertyOptional(nullableText) actionsTaken?: string | null;
  @ApiPropertyOptional({ type: IntakeReporterDto }) reporter?: IntakeReporterDto;
  @ApiProperty({ type: FindingsDto }) signs!: FindingsDto;
  @ApiPropertyOptional({ type: ChildWorkDto, nullable: true }) work?: ChildWorkDto | null;
}

export class HistoryEntryDto {
  seq!: number;
  type!: string;
  actor!: string;
  at!: string;
  payload!: object;
}

export class CaseViewDto {
  id!: string;
  caseNumber!: string;
  version!: number;
  status!: string;
  @ApiProperty({ description: 'The statechart state value, as stored: a state name, or an object of regions', oneOf: [{ type: 'string' }, { type: 'object' }] }) stateValue!: unknown;
  states!: StateDto[];
  @ApiProperty({ type: [TaskDto], description: 'The open tasks: what the case waits for, from whom, by when' })
  waitingFor!: TaskDto[];
  @ApiProperty({ type: [AllowedEventDto] }) allowedEvents!: AllowedEvent[];
  @ApiProperty({ type: ClassificationDto, nullable: true }) classification!: Classification | null;
  @ApiProperty({ type: FindingsDto }) findings!: Findings;
  @ApiProperty({ type: ReferralsDto }) referrals!: Partial<Record<ReferralKind, Referral>>;
  @ApiProperty({ type: IntakeViewDto }) intake!: CaseIntake;
  @ApiProperty({ type: [TaskDto] }) tasks!: TaskDto[];
  @ApiProperty({ type: [HistoryEntryDto] }) history!: HistoryEntryDto[];
  receivedAt!: string;
  openedAt!: string;
  @ApiProperty({ type: String, nullable: true }) closedAt!: string | null;
}

/** A case as one agency reads it: its packet names which parts it holds, the rest are left out. */
export class CasePacketDto extends PartialType(CaseViewDto) {
  @ApiProperty({ example: 'police', description: 'the referral packet this agency reads the case through' }) packet!: string;
}

export class OpenedCaseDto {
  id!: string;
  caseNumber!: string;
  @ApiProperty({ description: 'true when the report was added to an existing case (duplicates.linkTo) instead of opening one' }) linked!: boolean;
}
