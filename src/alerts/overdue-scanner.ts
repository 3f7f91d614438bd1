import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { dueAlerts } from '../../workflows/escalation';
import { policyOf } from '../../workflows/policy';
import { AgencyDirectory } from '../agencies/agency-directory';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { PeriodicJob } from '../common/periodic-job';
import { UnitOfWork } from '../common/unit-of-work';
import { CaseNotices } from '../mail/case-notices';
import { TasksRepository } from '../tasks/tasks.repository';
import { Alert } from './alert.entity';
import { AlertsRepository } from './alerts.repository';
import { AlertStream } from './alert-stream';

export const ALERT_SCAN_INTERVAL = Symbol('ALERT_SCAN_INTERVAL');

const BATCH = 200;

/**
 * Finds waiting steps whose next alert moment has passed (an indexed range on `next_alert_at`),
 * raises one alert per rung passed, writes their e-mails to the outbox and moves the task to its
 * next moment, all in one transaction per batch. A restart resumes from what was committed, so
 * steps that fell due while the service was down are caught at start, each rung exactly once.
 */
@Injectable()
export class OverdueScanner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OverdueScanner.name);
  private readonly job = new PeriodicJob(this.logger, () => this.scanAll());

  constructor(
    private readonly work: UnitOfWork,
    private readonly directory: AgencyDirectory,
    private readonly notices: CaseNotices,
    private readonly stream: AlertStream,
    private readonly tasks: TasksRepository,
    private readonly alerts: AlertsRepository,
    private readonly cases: CaseRepository,
    private readonly clock: Clock,
    @Inject(ALERT_SCAN_INTERVAL) private readonly intervalSeconds: number,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const raised = await this.scan();
    if (raised > 0) this.logger.log(`Raised ${raised} alerts due while the service was down`);
    this.job.start(this.intervalSeconds);
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** Raises every alert that is due now; answers how many. Never two scans at once. */
  scan(): Promise<number> {
    return this.job.run();
  }

  private async scanAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const { raised, looked } = await this.work.write((manager) => this.scanBatch(manager));
      if (raised.length > 0) this.stream.committed();
      total += raised.length;
      if (looked < BATCH) return total;
    }
  }

  private async scanBatch(manager: EntityManager): Promise<{ raised: Alert[]; looked: number }> {
    const now = this.clock.now();
    const tasks = await this.tasks.dueForAlerts(manager, now, BATCH);
    if (tasks.length === 0) return { raised: [], looked: 0 };
    const cases = await this.cases.numbersAndAreas(manager, [...new Set(tasks.map((t) => t.caseId))]);
    const raised: Alert[] = [];
    for (const task of tasks) {
      const record = cases.get(task.caseId);
      // Each task climbs the ladder of the policy that planned it.
      const { due, nextAlertAt } = dueAlerts(task, now, policyOf(task.policyVersion).escalation);
      if (!record) throw new Error(`Task ${task.id} has no case`);
      const lead = due.length > 0 ? await this.directory.lead(record) : null;
      const coordinator = due.length > 0 ? await this.directory.coordinator(record.provinceCode) : null;
      for (const { rung } of due) {
        raised.push(
          Object.assign(new Alert(), {
            id: randomUUID(),
            taskId: task.id,
            caseId: task.caseId,
            level: rung.level,
            agencyId: task.agencyId,
            leadAgencyId: rung.notify.includes('lead') ? (lead?.id ?? null) : null,
            coordinatorAgencyId: rung.notify.includes('coordinator') ? (coordinator?.id ?? null) : null,
            communeCode: task.communeCode,
            step: task.step,
            dueAt: task.dueAt,
            raisedAt: now,
          }),
        );
        await this.notices.stepAlert(manager, record, task, rung.level, lead, coordinator);
      }
      const alertLevel = due.length > 0 ? due[due.length - 1].rung.level : task.alertLevel;
      await this.tasks.moveAlertLadder(manager, task.id, { alertLevel, nextAlertAt });
    }
    if (raised.length > 0) {
      await this.alerts.insert(manager, raised);
      await this.stream.announce(manager);
    }
    return { raised, looked: tasks.length };
  }
}
