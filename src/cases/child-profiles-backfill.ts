import { Injectable, Logger } from '@nestjs/common';
import { childProfile } from '../../workflows/duplicate-reports';
import { StartupFill } from '../common/startup-fill';
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
export class ChildProfilesBackfill extends StartupFill {
  protected readonly logger = new Logger(ChildProfilesBackfill.name);
  protected readonly task = 'Indexing older cases for duplicate detection';

  constructor(
    private readonly work: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly profiles: ChildProfilesRepository,
  ) {
    super();
  }

  protected async fill(): Promise<number> {
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
