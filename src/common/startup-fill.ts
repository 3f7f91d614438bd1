import { Logger, OnApplicationBootstrap } from '@nestjs/common';

/**
 * Rows the service fills in at start for what was stored before they existed, a batch per
 * transaction, while it already answers. One run at a time: a run asked for during one joins it.
 */
export abstract class StartupFill implements OnApplicationBootstrap {
  protected abstract readonly logger: Logger;
  /** What a run does, for the log if it stops: "rebuilding the reports' facts". */
  protected abstract readonly task: string;
  private running: Promise<number> | null = null;

  onApplicationBootstrap(): void {
    void this.run().catch((error: unknown) => this.logger.error(`${this.task} stopped: ${(error as Error).message}`));
  }

  /** Fills every missing row; resolves with how many it wrote. */
  run(): Promise<number> {
    this.running ??= this.fill().finally(() => (this.running = null));
    return this.running;
  }

  protected abstract fill(): Promise<number>;
}
