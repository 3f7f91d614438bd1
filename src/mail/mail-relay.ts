import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../common/clock';
import { PeriodicJob } from '../common/periodic-job';
import { UnitOfWork } from '../common/unit-of-work';
import { MailTransport, RELAY_CONNECTIONS } from './mail-transport';
import { Outbox } from './outbox';
import { OutboxMessage } from './outbox-message.entity';

export const MAIL_RELAY_SETTINGS = Symbol('MAIL_RELAY_SETTINGS');

export interface MailRelaySettings {
  from: string;
  /** Host part of Message-IDs. */
  domain: string;
  intervalSeconds: number;
  /** How long a claimed message is left alone; past it, a pass that crashed mid-send is taken to have failed. */
  leaseSeconds: number;
}

const BATCH = 20;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/**
 * Delivers the outbox: claims due messages (a lease, so that no other pass sends them meanwhile),
 * sends each, and marks it sent as the very next thing once the server has accepted it, or schedules
 * a retry with exponential backoff. Delivery is at least once: only a crash between the server's
 * acceptance and that mark sends a message again, with the same Message-ID, so that mail clients
 * show it once.
 */
@Injectable()
export class MailRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailRelay.name);
  private readonly job = new PeriodicJob(this.logger, () => this.pass());

  constructor(
    private readonly work: UnitOfWork,
    private readonly transport: MailTransport,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(MAIL_RELAY_SETTINGS) private readonly settings: MailRelaySettings,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start(this.settings.intervalSeconds);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
    this.transport.close();
  }

  /** One pass over the due messages; answers how many were delivered. Never two passes at once. */
  deliverDue(): Promise<number> {
    return this.job.run();
  }

  /** Delivers batch after batch until nothing is due. */
  private async pass(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const due = await this.work.write((manager) => {
        const now = this.clock.now();
        return this.outbox.claimDue(manager, now, BATCH, new Date(now.getTime() + this.settings.leaseSeconds * 1000));
      });
      for (let i = 0; i < due.length; i += RELAY_CONNECTIONS) {
        const sent = await Promise.all(due.slice(i, i + RELAY_CONNECTIONS).map((message) => this.deliver(message)));
        delivered += sent.filter(Boolean).length;
      }
      if (due.length < BATCH) return delivered;
    }
  }

  private async deliver(message: OutboxMessage): Promise<boolean> {
    try {
      await this.transport.send({
        messageId: `<${message.id}@${this.settings.domain}>`,
        from: this.settings.from,
        to: message.recipients,
        subject: message.subject,
        text: message.body,
      });
    } catch (error) {
      const attempts = message.attempts + 1;
      const wait = Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_RETRY_MS);
      await this.work.write((manager) => this.outbox.markFailed(manager, message, attempts, new Date(this.clock.now().getTime() + wait), describe(error)));
      this.logger.warn(`Message ${message.id} not delivered (attempt ${attempts}, ${describe(error)}); retry in ${wait / 1000}s`);
      return false;
    }
    await this.work.write((manager) => this.outbox.markSent(manager, message, this.clock.now()));
    return true;
  }
}

/** The error's kind and code, without its message: SMTP replies can quote addresses. */
function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null) return typeof error;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return [name, code].filter((part): part is string => typeof part === 'string').join(' ') || 'Error';
}
