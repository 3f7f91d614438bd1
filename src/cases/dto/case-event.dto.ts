import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Min,
  validateSync,
} from 'class-validator';
import { CaseEventBody } from '../../../workflows/case-workflow';
import { acceptsResult, CaseEventType } from '../../../workflows/case.machine';
import { CURRENT_POLICY, REFERRAL_KINDS, ReferralKind } from '../../../workflows/policy';
import { DomainError } from '../../common/domain-error';

/** Every result any referral may name; which ones a referral takes is checked against the policy table. */
const REFERRAL_RESULTS = [...new Set(REFERRAL_KINDS.flatMap((kind) => Object.keys(CURRENT_POLICY.referrals[kind].results ?? {})))];
import { CalendarDay, NestedObject, NestedObjects, Optional, Text, VALIDATION_OPTIONS, invalidInput } from '../../common/validation';
import { ChildWorkDto, FindingsDto } from './findings.dto';

class ReasonData {
  @Text(2000) reason!: string;
}

/** Mẫu số 02: the verification and first assessment of risk. */
class VerificationData {
  @ApiProperty({ description: 'false closes the case as unfounded' }) @IsBoolean() founded!: boolean;
  @ApiProperty({ description: 'the child suffers or risks serious harm: emergency intervention' }) @IsBoolean() emergency!: boolean;
  @NestedObject(() => FindingsDto, { optional: true }) findings?: FindingsDto;
  @NestedObject(() => ChildWorkDto, { optional: true }) work?: ChildWorkDto;
  @ApiPropertyOptional({ description: 'what was verified, where and with whom, and the risk to the child as found' })
  @Optional() @Text(4000) notes?: string;
}

class EmergencyData {
  @ApiProperty({ description: 'the child was temporarily separated: a shelter referral follows' }) @IsBoolean() separated!: boolean;
  @Text(2000) measures!: string;
}

class NeedsMeetingData {
  @ApiProperty({ description: 'the day the meeting was held, YYYY-MM-DD', example: '2026-03-04' }) @CalendarDay() heldOn!: string;
  @ApiProperty({ description: 'who took part: the parents or carers and the bodies responsible' }) @Text(2000) participants!: string;
  @ApiProperty({ description: 'the minutes: what the child needs and what each party agreed to do' }) @Text(8000) minutes!: string;
}

/** Mẫu số 03: the specific assessment and its needs meeting. */
class AssessmentData {
  @NestedObject(() => FindingsDto) findings!: FindingsDto;
  @ApiPropertyOptional({ description: 'the child’s needs as assessed: safety, health, schooling, family, livelihood' })
  @Optional() @Text(4000) needs?: string;
  @NestedObject(() => NeedsMeetingData, { optional: true }) meeting?: NeedsMeetingData;
}

class PlanMeasureData {
  @ApiProperty({ description: 'what is done for the child or the family' }) @Text(2000) measure!: string;
  @ApiProperty({ description: 'the body or person responsible' }) @Text(500) responsible!: string;
  @ApiProperty({ description: 'by when, YYYY-MM-DD', example: '2026-03-20' }) @CalendarDay() by!: string;
}

/** Mẫu số 04: the support and intervention plan. */
class PlanData {
  @ApiPropertyOptional({ enum: REFERRAL_KINDS, isArray: true, description: 'referrals beyond those the findings require' })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(REFERRAL_KINDS, { each: true }) additionalReferrals?: ReferralKind[];
  @ApiPropertyOptional({ description: 'what the plan sets out to achieve for the child' })
  @Optional() @Text(4000) goals?: string;
  @ApiPropertyOptional({ type: () => PlanMeasureData, isArray: true, description: 'the measures, each with who is responsible and by when' })
  @NestedObjects(() => PlanMeasureData, { max: 50, optional: true }) measures?: PlanMeasureData[];
}

/** Mẫu số 05: the decision approving the plan. */
class PlanApprovalData {
  @ApiPropertyOptional({ description: 'the number of the approval decision, as signed', example: '15/QĐ-UBND' })
  @Optional() @Text(64) decisionNumber?: string;
  @ApiPropertyOptional({ description: 'the day it was signed, YYYY-MM-DD' })
  @Optional() @CalendarDay() decidedOn?: string;
}

class ReferralData {
  @ApiProperty({ enum: REFERRAL_KINDS }) @IsIn(REFERRAL_KINDS) referral!: ReferralKind;
}

class ReferralDeclineData extends ReferralData {
  @Text(2000) reason!: string;
}

class ReferralReassignData extends ReferralData {
  @IsUUID() agencyId!: string;
}

class ReferralOutcomeData extends ReferralData {
  @Text(4000) outcome!: string;
  @ApiPropertyOptional({
    enum: REFERRAL_RESULTS,
    description: 'what the agency decided, where the law fixes the choices: the police name their Criminal Procedure Code art. 147 decision',
  })
  @IsOptional() @IsIn(REFERRAL_RESULTS) result?: string;
}

/** A new last day for a step whose deadline the law lets be extended (the procuracy's, for the police). */
class ExtensionData {
  @ApiProperty({ description: 'the new last day, YYYY-MM-DD (Vietnam time); the step is due at its end', example: '2026-04-30' })
  @CalendarDay() until!: string;
  @ApiProperty({ description: 'who granted the extension and why (for the police: the procuracy’s decision)' })
  @Text(2000) reason!: string;
}

class ReferralExtensionData extends ExtensionData {
  @ApiProperty({ enum: REFERRAL_KINDS }) @IsIn(REFERRAL_KINDS) referral!: ReferralKind;
}

class SeparationEndData {
  @ApiProperty({ description: 'where the child is now and why the separation ended' })
  @Text(4000) notes!: string;
}

class ReviewData {
  @IsBoolean() stable!: boolean;
  @Text(4000) notes!: string;
}

class NoData {}

/** The data each event carries; what is not declared here is refused. */
export const EVENT_DATA: Record<CaseEventType, ClassConstructor<object>> = {
  FORWARDED: NoData,
  VERIFICATION_COMPLETED: VerificationData,
  EMERGENCY_MEASURES_TAKEN: EmergencyData,
  ASSESSMENT_COMPLETED: AssessmentData,
  PLAN_DRAFTED: PlanData,
  PLAN_APPROVED: PlanApprovalData,
  PLAN_RETURNED: ReasonData,
  REFERRAL_ACCEPTED: ReferralData,
  REFERRAL_DECLINED: ReferralDeclineData,
  REFERRAL_REASSIGNED: ReferralReassignData,
  REFERRAL_EXTENDED: ReferralExtensionData,
  REFERRAL_COMPLETED: ReferralOutcomeData,
  SEPARATION_EXTENDED: ExtensionData,
  SEPARATION_ENDED: SeparationEndData,
  REVIEW_RECORDED: ReviewData,
  CLOSURE_PROPOSED: ReasonData,
  NEW_PLAN_REQUIRED: ReasonData,
  CLOSURE_APPROVED: NoData,
  CLOSURE_REJECTED: ReasonData,
  REOPENED: ReasonData,
};

export const EVENT_TYPES = Object.keys(EVENT_DATA) as CaseEventType[];

/** Each shape of event data once, for the API document: an event's or a task's `data` is one of them. */
const DATA_SHAPES = [...new Set(Object.values(EVENT_DATA))].filter((shape) => shape !== NoData);
const DATA_SCHEMA = { anyOf: DATA_SHAPES.map((shape) => ({ $ref: getSchemaPath(shape) })) };

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
  if (type === 'REFERRAL_COMPLETED') checkResult(body.referral as ReferralKind, body.result as string | undefined);
  return body as unknown as CaseEventBody;
}

/** Says which results the referral takes when the data names another, or one it does not take. */
function checkResult(referral: ReferralKind, result: string | undefined): void {
  if (acceptsResult(referral, result)) return;
  const results = CURRENT_POLICY.referrals[referral].results;
  const choices = results ? Object.keys(results) : [];
  throw new DomainError(
    'INVALID_INPUT',
    results
      ? { vi: `data.result phải là một trong: ${choices.join(', ')}`, en: `data.result must be one of: ${choices.join(', ')}` }
      : { vi: 'Chuyển gửi này không có data.result', en: 'This referral takes no data.result' },
    [{ field: 'data.result', problems: [`one of: ${choices.join(', ') || 'none'}`] }],
  );
}

@ApiExtraModels(...DATA_SHAPES)
export class SendEventDto {
  @ApiProperty({ enum: EVENT_TYPES }) @IsIn(EVENT_TYPES) type!: CaseEventType;
  @ApiPropertyOptional({ description: 'The event’s data; its fields depend on the type (none for FORWARDED, PLAN_APPROVED, CLOSURE_APPROVED)', ...DATA_SCHEMA })
  @IsOptional() @IsObject() data?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'The case version this event was decided on; a newer case answers 409' })
  @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
}

@ApiExtraModels(...DATA_SHAPES)
export class TaskActionDto {
  @ApiPropertyOptional({ description: 'Findings or outcome: the data of the event the task completes; its shape is the step’s event’s', ...DATA_SCHEMA })
  @IsOptional() @IsObject() data?: Record<string, unknown>;
  @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
}

/** The extension as the task's route takes it: the event's data, and the version it was decided on. */
export class ExtendTaskDto extends ExtensionData {
  @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
}

export class AssignTaskDto {
  @ApiProperty({ description: 'The officer of the owning agency who is to do the step (GET /tasks/:id/assignees)' })
  @IsString()
  @Matches(/^[a-z0-9._-]{3,64}$/, { message: 'username: 3–64 lower-case letters, digits, dots, dashes or underscores' })
  username!: string;
}

export class DeclineTaskDto {
  @ApiProperty({ description: 'Why the agency cannot take the referral; the lead agency reads it to reassign' })
  @Text(2000) reason!: string;
  @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
}
