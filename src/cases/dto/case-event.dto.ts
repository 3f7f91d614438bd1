import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClassConstructor, plainToInstance, Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  validateSync,
  ValidateNested,
} from 'class-validator';
import { CaseEventBody } from '../../../workflows/case-workflow';
import { CaseEventType } from '../../../workflows/case.machine';
import { REFERRAL_KINDS, ReferralKind } from '../../../workflows/policy';
import { invalidInput, VALIDATION_OPTIONS } from '../../common/validation';
import { ChildWorkDto, FindingsDto } from './findings.dto';

class ReasonData {
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

class VerificationData {
  @ApiProperty({ description: 'false closes the case as unfounded' }) @IsBoolean() founded!: boolean;
  @ApiProperty({ description: 'the child suffers or risks serious harm: emergency intervention' }) @IsBoolean() emergency!: boolean;
  @IsOptional() @ValidateNested() @Type(() => FindingsDto) findings?: FindingsDto;
  @IsOptional() @ValidateNested() @Type(() => ChildWorkDto) work?: ChildWorkDto;
}

class EmergencyData {
  @ApiProperty({ description: 'the child was temporarily separated: a shelter referral follows' }) @IsBoolean() separated!: boolean;
  @IsString() @IsNotEmpty() @MaxLength(2000) measures!: string;
}

class AssessmentData {
  @ValidateNested() @Type(() => FindingsDto) findings!: FindingsDto;
}

class PlanData {
  @ApiPropertyOptional({ enum: REFERRAL_KINDS, isArray: true, description: 'referrals beyond those the findings require' })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(REFERRAL_KINDS, { each: true }) additionalReferrals?: ReferralKind[];
}

class ReferralData {
  @ApiProperty({ enum: REFERRAL_KINDS }) @IsIn(REFERRAL_KINDS) referral!: ReferralKind;
}

class ReferralDeclineData extends ReferralData {
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

class ReferralReassignData extends ReferralData {
  @IsUUID() agencyId!: string;
}

class ReferralOutcomeData extends ReferralData {
  @IsString() @IsNotEmpty() @MaxLength(4000) outcome!: string;
}

class ReviewData {
  @IsBoolean() stable!: boolean;
  @IsString() @IsNotEmpty() @MaxLength(4000) notes!: string;
}

class NoData {}

/** The data each event carries; what is not declared here is refused. */
export const EVENT_DATA: Record<CaseEventType, ClassConstructor<object>> = {
  FORWARDED: NoData,
  VERIFICATION_COMPLETED: VerificationData,
  EMERGENCY_MEASURES_TAKEN: EmergencyData,
  ASSESSMENT_COMPLETED: AssessmentData,
  PLAN_DRAFTED: PlanData,
  PLAN_APPROVED: NoData,
  PLAN_RETURNED: ReasonData,
  REFERRAL_ACCEPTED: ReferralData,
  REFERRAL_DECLINED: ReferralDeclineData,
  REFERRAL_REASSIGNED: ReferralReassignData,
  REFERRAL_COMPLETED: ReferralOutcomeData,
  REVIEW_RECORDED: ReviewData,
  CLOSURE_PROPOSED: ReasonData,
  NEW_PLAN_REQUIRED: ReasonData,
  CLOSURE_APPROVED: NoData,
  CLOSURE_REJECTED: ReasonData,
  REOPENED: ReasonData,
};

export const EVENT_TYPES = Object.keys(EVENT_DATA) as CaseEventType[];

/**
 * Checks an event's data against its declared shape and gives back the event body with defaults
 * filled in. Fields are reported under `data.` so that the client knows where to look.
 */
export function parseEventData(type: CaseEventType, data: Record<string, unknown> = {}): CaseEventBody {
  const instance = plainToInstance(EVENT_DATA[type], data);
  // Events without data have no validation metadata; unknown fields are still refused by whitelisting.
  const errors = validateSync(instance, { ...VALIDATION_OPTIONS, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw invalidInput(errors.map((e) => ({ ...e, property: `data.${e.property}` })));
  }
  const body = { ...JSON.parse(JSON.stringify(instance)), type } as Record<string, unknown>;
  if (type === 'VERIFICATION_COMPLETED') body.findings ??= {};
  if (type === 'PLAN_DRAFTED') body.additionalReferrals ??= [];
  if (type === 'REFERRAL_DECLINED') body.agencyId = null;
  return body as unknown as CaseEventBody;
}

export class SendEventDto {
  @ApiProperty({ enum: EVENT_TYPES }) @IsIn(EVENT_TYPES) type!: CaseEventType;
  @ApiPropertyOptional({ description: 'The event’s data; its fields depend on the type' })
  @IsOptional() @IsObject() data?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'The case version this event was decided on; a newer case answers 409' })
  @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
}

export class TaskActionDto {
  @ApiPropertyOptional({ description: 'Findings or outcome: the data of the event the task completes' })
  @IsOptional() @IsObject() data?: Record<string, unknown>;
  @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
}

export class DeclineTaskDto {
  @ApiProperty({ description: 'Why the agency cannot take the referral; the lead agency reads it to reassign' })
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
}
