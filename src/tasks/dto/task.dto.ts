import { Label } from '../../../workflows/case.machine';

/** A step some agency owes, as its officers read it. */
export class TaskDto {
  id!: string;
  caseId!: string;
  step!: string;
  label!: Label;
  action!: string;
  referral!: string | null;
  agencyId!: string;
  agencyName!: Label | null;
  role!: string;
  communeCode!: string;
  dueAt!: string;
  overdue!: boolean;
  status!: string;
  assignee!: string | null;
  openedAt!: string;
  closedAt!: string | null;
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
