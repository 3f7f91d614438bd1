import { Logger } from '@nestjs/common';

/**
 * Background work that runs every few seconds and on demand, never twice at once: a call while a
 * pass is under way joins it. Stopping waits for the pass in flight.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly pass: () => Promise<number>,
  ) {}

  run(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  /** Every `seconds`; 0 leaves it to callers. */
  start(seconds: number): void {
    if (seconds <= 0) return;
    this.timer = setInterval(() => {
      this.run().catch((error: unknown) => this.logger.error(`Pass failed: ${error instanceof Error ? error.name : typeof error}`));
    }, seconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
