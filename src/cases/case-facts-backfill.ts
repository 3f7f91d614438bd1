import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseFacts, replayFacts } from '../../workflows/case-facts';
import { CASE_OPENED } from '../../workflows/case-workflow';
import { CaseInput } from '../../workflows/case.machine';
import { ReferralKind } from '../../workflows/policy';
import { StartupFill } from '../common/startup-fill';
import { UnitOfWork } from '../common/unit-of-work';
import { TasksRepository } from '../tasks/tasks.repository';
import { CaseFactsRepository, openingFactsOf } from './case-facts.repository';
import { CaseRepository } from './case.repository';

const BATCH = 100;

/**
 * Cases opened before the reports' facts were kept get them at start, rebuilt from their history
 * and referral steps, a batch per transaction, while the service already answers. An instance that
 * meets a row another instance wrote first leaves it.
 */
@Injectable()
export class CaseFactsBackfill extends StartupFill {
  protected readonly logger = new Logger(CaseFactsBackfill.name);
  protected readonly task = "Rebuilding the reports' facts";

  constructor(
    private readonly work: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly facts: CaseFactsRepository,
    private readonly tasks: TasksRepository,
  ) {
    super();
  }

  /** A case's facts as its history gives them. */
  async rebuild(manager: EntityManager, caseId: string): Promise<CaseFacts | null> {
    const record = await this.cases.findById(manager, caseId);
    if (!record) return null;
    const history = await this.cases.history(manager, caseId);
    const steps = (await this.tasks.forCase(manager, caseId)).flatMap((task) =>
      task.referral ? [{ referral: task.referral as ReferralKind, dueAt: task.dueAt.getTime(), closedAt: task.closedAt?.getTime() ?? null }] : [],
    );
    const opening = history[0]?.type === CASE_OPENED ? (history[0].payload as CaseInput) : null;
    return replayFacts(openingFactsOf(record, opening?.childAgeYears ?? null), history, steps);
  }

  protected async fill(): Promise<number> {
    let written = 0;
    for (;;) {
      const done = await this.work.write(async (manager) => {
        const ids = await this.facts.casesWithout(manager, BATCH);
        for (const id of ids) {
          const facts = await this.rebuild(manager, id);
          if (facts) await this.facts.insert(manager, facts, true);
        }
        return ids.length;
      });
      written += done;
      if (done < BATCH) break;
    }
    if (written > 0) this.logger.log(`Rebuilt the reports' facts of ${written} cases opened before they were kept`);
    return written;
  }
}
