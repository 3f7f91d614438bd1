import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicJob } from '../common/periodic-job';
import { UnitOfWork } from '../common/unit-of-work';
import { CONSOLE_URL } from '../mail/case-notices';
import { reportLate } from '../mail/mail-templates';
import { Outbox, OutgoingMail } from '../mail/outbox';
import { reportKey } from '../../workflows/reporting-periods';
import { ReportsService } from './reports.service';

export const REPORT_DEADLINE_SCAN = Symbol('REPORT_DEADLINE_SCAN');

/**
 * A report not submitted by its due date is never late silently: the body that owes it and the
 * body that waits for it (the province's coordinating body) get one e-mail, once, whatever restarts
 * or instances there are (the message's id is the report's), and both see it among their alerts.
 */
@Injectable()
export class ReportDeadlines implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReportDeadlines.name);
  private readonly job = new PeriodicJob(this.logger, () => this.notify());

  constructor(
    private readonly reports: ReportsService,
    private readonly outbox: Outbox,
    private readonly work: UnitOfWork,
    @Inject(CONSOLE_URL) private readonly consoleUrl: string,
    @Inject(REPORT_DEADLINE_SCAN) private readonly intervalSeconds: number,
  ) {}

  /** The first look runs beside the start, not before it: a late report is a day's matter, not a second's. */
  onApplicationBootstrap(): void {
    void this.scan().catch((error: unknown) => this.logger.error(`Looking for late reports failed: ${error instanceof Error ? error.name : typeof error}`));
    this.job.start(this.intervalSeconds);
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** Writes the e-mail of every late report not yet told; answers how many it wrote. */
  scan(): Promise<number> {
    return this.job.run();
  }

  private async notify(): Promise<number> {
    const mails: OutgoingMail[] = (await this.reports.lateReports()).map((late) => ({
      id: `report-late:${reportKey(late.unit, late.period.id)}`,
      kind: 'report_late',
      recipients: [late.owner, late.recipient].flatMap((agency) => (agency?.email ? [agency.email] : [])),
      content: reportLate({ unit: late.unit.name, period: late.period.label, dueAt: late.dueAt, link: `${this.consoleUrl}/reports/${late.unit.level}/${late.unit.code}/${late.period.id}` }),
    }));
    if (mails.length === 0) return 0;
    return this.work.write(async (manager) => {
      const told = await this.outbox.existing(manager, mails.map((mail) => mail.id));
      const fresh = mails.filter((mail) => !told.has(mail.id));
      await this.outbox.add(manager, fresh);
      return fresh.length;
    });
  }
}
