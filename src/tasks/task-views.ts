import { Injectable } from '@nestjs/common';
import { stepLabel } from '../../workflows/workflow-versions';
import { AgencyDirectory } from '../agencies/agency-directory';
import { Agency } from '../agencies/agency.entity';
import { Clock } from '../common/clock';
import { TaskDto } from './dto/task.dto';
import { Task } from './task.entity';

/** The next moment one of these tasks' overdue marks (see TaskViews) turns, from `now` on: until then, a view of them stands. */
export function nextOverdueTurn(tasks: Task[], now: number): number {
  return Math.min(Infinity, ...tasks.filter((task) => task.status === 'open' && task.dueAt.getTime() >= now).map((task) => task.dueAt.getTime()));
}

/** Task rows as people read them: step and agency named in both languages, overdue marked. */
@Injectable()
export class TaskViews {
  constructor(
    private readonly directory: AgencyDirectory,
    private readonly clock: Clock,
  ) {}

  async many(tasks: Task[]): Promise<TaskDto[]> {
    const now = this.clock.now();
    // An inbox page is one agency's: its name is looked up once, not once a row.
    const agencyIds = [...new Set(tasks.map((task) => task.agencyId))];
    const agencies = new Map(await Promise.all(agencyIds.map(async (id) => [id, await this.directory.get(id)] as const)));
    return tasks.map((task) => this.one(task, agencies.get(task.agencyId), now));
  }

  private one(task: Task, agency: Agency | undefined, now: Date): TaskDto {
    return {
      id: task.id,
      caseId: task.caseId,
      step: task.step,
      label: stepLabel(task.step, task.machineVersion),
      action: task.action,
      referral: task.referral,
      agencyId: task.agencyId,
      agencyName: agency ? { vi: agency.nameVi, en: agency.nameEn } : null,
      role: task.role,
      communeCode: task.communeCode,
      dueAt: task.dueAt.toISOString(),
      overdue: task.status === 'open' && task.dueAt.getTime() < now.getTime(),
      status: task.status,
      assignee: task.assignee,
      openedAt: task.openedAt.toISOString(),
      closedAt: task.closedAt ? task.closedAt.toISOString() : null,
    };
  }
}
