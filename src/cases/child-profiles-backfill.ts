import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { childProfile } from '../../workflows/duplicate-reports';
import { UnitOfWork } from '../common/unit-of-work';
import { CaseRepository } from './case.repository';
import { ChildProfilesRepository } from './child-profiles.repository';
import { reportedChildOf } from './duplicate-reports.service';

const BATCH = 200;

/**
 * Cases opened before duplicate detection get their child's profile at start, from the report they
 * were opened with, a batch per transaction, while the service already answers: a second report of
 * an older case's child is recognised too.
 */
@Injectable()
export class ChildProfilesBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(ChildProfilesBackfill.name);
  private running: Promise<number> | null = null;

  constructor(
    private readonly work: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly profiles: ChildProfilesRepository,
  ) {}

  onApplicationBootstrap(): void {
    void this.run().catch((error: unknown) => this.logger.error(`Indexing older cases for duplicate detection stopped: ${(error as Error).message}`));
  }

  /** Profiles every case that has none; resolves with how many it wrote. */
  run(): Promise<number> {
    this.running ??= this.fill().finally(() => (this.running = null));
    return this.running;
  }

  private async fill(): Promise<number> {
    let written = 0;
    for (;;) {
      const done = await this.work.write(async (manager) => {
        const rows = [];
        for (const id of await this.profiles.casesWithout(manager, BATCH)) {
          const record = await this.cases.findById(manager, id);
          if (record) rows.push({ caseId: id, reportSeq: 1, profile: childProfile(reportedChildOf(record.intake)) });
        }
        await this.profiles.insertMany(manager, rows);
        return rows.length;
      });
      written += done;
      if (done < BATCH) break;
    }
    if (written > 0) this.logger.log(`Indexed ${written} older cases for duplicate detection`);
    return written;
  }
}
