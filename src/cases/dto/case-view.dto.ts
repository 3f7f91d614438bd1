import { ApiProperty } from '@nestjs/swagger';
import { AllowedEvent } from '../../../workflows/case-workflow';
import { Classification } from '../../../workflows/child-labour';
import { Findings, Label, Referral } from '../../../workflows/case.machine';
import { ReferralKind } from '../../../workflows/policy';
import { TaskDto } from '../../tasks/dto/task.dto';
import { CaseIntake } from '../case-intake';

export class StateDto {
  @ApiProperty({ example: 'support.police.pending' }) path!: string;
  label!: Label;
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
  @ApiProperty({ description: 'The statechart state value, as stored' }) stateValue!: unknown;
  states!: StateDto[];
  @ApiProperty({ type: [TaskDto], description: 'The open tasks: what the case waits for, from whom, by when' })
  waitingFor!: TaskDto[];
  allowedEvents!: AllowedEvent[];
  classification!: Classification | null;
  findings!: Findings;
  referrals!: Partial<Record<ReferralKind, Referral>>;
  intake!: CaseIntake;
  tasks!: TaskDto[];
  history!: HistoryEntryDto[];
  receivedAt!: string;
  openedAt!: string;
  closedAt!: string | null;
}

export class OpenedCaseDto {
  id!: string;
  caseNumber!: string;
}
