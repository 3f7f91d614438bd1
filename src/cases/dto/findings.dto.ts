import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { Job, JOBS, Workplace, WORKPLACES } from '../../../workflows/child-labour';
import { Findings } from '../../../workflows/case.machine';
import { NestedObject } from '../../common/validation';

/** Signs seen at intake, verification or assessment; each one decides a referral. */
export class FindingsDto implements Findings {
  @IsOptional() @IsBoolean() traffickingSigns?: boolean;
  @IsOptional() @IsBoolean() exploitationSigns?: boolean;
  @IsOptional() @IsBoolean() forcedLabour?: boolean;
  @IsOptional() @IsBoolean() outOfSchool?: boolean;
  @IsOptional() @IsBoolean() dropOutRisk?: boolean;
  @ApiPropertyOptional({ description: 'Injury, harm from work, hazardous exposure or psychological distress' })
  @IsOptional() @IsBoolean() harm?: boolean;
  @IsOptional() @IsBoolean() poorHousehold?: boolean;
  @IsOptional() @IsBoolean() noCaregiver?: boolean;
  @IsOptional() @IsBoolean() employerInvolved?: boolean;
  @ApiPropertyOptional({ enum: ['agriculture', 'industry', 'services', 'household'] })
  @IsOptional() @IsIn(['agriculture', 'industry', 'services', 'household']) employerSector?: Findings['employerSector'];
  @IsOptional() @IsBoolean() separationNeeded?: boolean;
}

export class EmployerDutiesDto {
  @IsBoolean() writtenContract!: boolean;
  @IsBoolean() outsideSchoolHours!: boolean;
  @IsBoolean() healthChecks!: boolean;
}

/** The facts of the child's work that the child-labour classifier needs. */
export class ChildWorkDto {
  @IsInt() @Min(0) @Max(17) ageYears!: number;
  @ApiPropertyOptional({ enum: JOBS }) @IsIn(JOBS) job!: Job;
  @ApiPropertyOptional({ enum: WORKPLACES }) @IsIn(WORKPLACES) workplace!: Workplace;
  @IsNumber() @Min(0) @Max(24) hoursPerDay!: number;
  @IsNumber() @Min(0) @Max(168) hoursPerWeek!: number;
  @IsBoolean() nightWork!: boolean;
  @IsOptional() @IsBoolean() hazardousConditions?: boolean;
  @IsOptional() @IsBoolean() provincialApproval?: boolean;
  @NestedObject(() => EmployerDutiesDto, { optional: true }) employerDuties?: EmployerDutiesDto;
  @IsOptional() @IsBoolean() missedSchool?: boolean;
  @IsOptional() @IsBoolean() poorHousehold?: boolean;
  @IsOptional() @IsBoolean() siblingInChildLabour?: boolean;
}
