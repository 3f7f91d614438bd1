import { ApiProperty } from '@nestjs/swagger';
import { Label } from '../../../workflows/case.machine';
import { LabelDto } from '../../common/label.dto';

/** A step some agency owes, as its officers read it. */
export class TaskDto {
  id!: string;
  caseId!: string;
  step!: string;
  @ApiProperty({ type: LabelDto }) label!: Label;
  action!: string;
  @ApiProperty({ type: String, nullable: true }) referral!: string | null;
  agencyId!: string;
  @ApiProperty({ type: LabelDto, nullable: true }) agencyName!: Label | null;
  role!: string;
  communeCode!: string;
  dueAt!: string;
  overdue!: boolean;
  status!: string;
  @ApiProperty({ type: String, nullable: true }) assignee!: string | null;
  openedAt!: string;
  @ApiProperty({ type: String, nullable: true }) closedAt!: string | null;
}

/** Someone of the owning agency a supervisor may give the step to. */
export class AssigneeDto {
  username!: string;
  displayName!: string;
}

/** One line of an inbox: the task and which case it is, without the child's personal data. */
export class InboxItemDto extends TaskDto {
  caseNumber!: string;
  category!: string;
}

export class TaskPageDto {
  items!: InboxItemDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}
