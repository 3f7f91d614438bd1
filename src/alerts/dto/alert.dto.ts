import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Label } from '../../../workflows/case.machine';
import { ALERT_LEVELS, AlertLevel } from '../../../workflows/policy';
import { LabelDto } from '../../common/label.dto';
import { PageNumber, PageSize } from '../../common/validation';

export class AlertQueryDto {
  @ApiProperty({ description: 'Alerts for this agency: steps it owes, and as lead agency the steps it coordinates' })
  @IsUUID()
  agencyId!: string;

  @IsOptional() @Matches(/^[A-Z0-9-]{2,48}$/) communeCode?: string;

  @ApiPropertyOptional({ enum: ['open', 'acknowledged', 'all'], default: 'open', description: 'open: not acknowledged and the step still waits' })
  @IsOptional() @IsIn(['open', 'acknowledged', 'all'])
  state?: 'open' | 'acknowledged' | 'all';

  @PageNumber() page?: number;

  @PageSize(50, 200) pageSize?: number;
}

export class AlertStreamQueryDto {
  @IsUUID() agencyId!: string;
  @IsOptional() @Matches(/^[A-Z0-9-]{2,48}$/) communeCode?: string;
  @ApiPropertyOptional({ description: 'a single-use ticket from POST /auth/stream-tickets, for EventSource clients that cannot send headers' })
  @IsOptional() @IsString() @MaxLength(64) ticket?: string;
}

export class AlertDto {
  id!: string;
  caseId!: string;
  caseNumber!: string;
  taskId!: string;
  step!: string;
  stepLabel!: Label;
  @ApiProperty({ enum: ALERT_LEVELS }) level!: AlertLevel;
  levelLabel!: Label;
  agencyId!: string;
  agencyName!: Label | null;
  leadAgencyId!: string | null;
  coordinatorAgencyId!: string | null;
  communeCode!: string;
  dueAt!: string;
  @ApiProperty({ type: LabelDto, nullable: true, description: 'how late the step is at the service’s time: working days for a working-day deadline (“quá hạn 2 ngày làm việc”), else hours then days; null once done or before it is due' })
  lateness!: Label | null;
  raisedAt!: string;
  acknowledgedAt!: string | null;
  acknowledgedBy!: string | null;
  @ApiProperty({ description: 'the step still waits on someone' }) taskOpen!: boolean;
  @ApiProperty({ description: 'the officer who has claimed the step, if one has', nullable: true, type: String }) assignee!: string | null;
}

export class AlertPageDto {
  items!: AlertDto[];
  total!: number;
  page!: number;
  pageSize!: number;
  @ApiProperty({ description: 'the service’s time when the page was read: how late a step is counts from it, not from the reader’s clock' })
  now!: string;
}
