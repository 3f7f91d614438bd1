import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CASE_MACHINE_VERSION } from '../../workflows/case.machine';
import { CaseMigrationError, migrateToCurrent } from '../../workflows/workflow-versions';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../common/unit-of-work';
import { CaseEngine, SERVICE_RECORDER } from './case-engine.service';
import { CaseRepository } from './case.repository';

const BATCH = 100;

export interface MigrationReport {
  migrated: number;
  /** Cases that cannot be moved on, by case number, with what is wrong: never personal data. */
  refused: Array<{ caseNumber: string; reason: string }>;
}

/**
 * Cases stored by an older workflow version move on when they are next loaded; this moves them all
 * at once (`npm run cases:migrate`) and, at start, says how many wait and which cannot move, without
 * stopping the service: one case that cannot be migrated must not strand all the others.
 */
@Injectable()
export class CaseMigrations implements OnApplicationBootstrap {
  private readonly logger = new Logger(CaseMigrations.name);

  constructor(
    private readonly work: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly engine: CaseEngine,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { waiting, refused } = await this.check();
    if (waiting > 0) this.logger.log(`${waiting} cases wait to move to workflow version ${CASE_MACHINE_VERSION}; they move when next opened, or run npm run cases:migrate`);
    for (const { caseNumber, reason } of refused) this.logger.error(`Case ${caseNumber} cannot move to workflow version ${CASE_MACHINE_VERSION}: ${reason}`);
  }

  /** A dry run: how many cases wait, and which of them the migration would refuse. */
  async check(): Promise<{ waiting: number; refused: MigrationReport['refused'] }> {
    const at = this.clock.now().toISOString();
    const refused: MigrationReport['refused'] = [];
    let waiting = 0;
    await this.forEachOld(async (record) => {
      waiting += 1;
      try {
        migrateToCurrent(record.machineVersion, record.snapshot, at);
      } catch (error) {
        if (!(error instanceof CaseMigrationError)) throw error;
        refused.push({ caseNumber: record.caseNumber, reason: error.message });
      }
    });
    return { waiting, refused };
  }

  /** Migrates every older case, one transaction each, and reports those it could not. */
  async migrateAll(): Promise<MigrationReport> {
    const report: MigrationReport = { migrated: 0, refused: [] };
    await this.forEachOld(async ({ id, caseNumber }) => {
      try {
        await this.work.write(async (manager) => {
          const record = await this.cases.findForChange(manager, id);
          if (record) await this.engine.upgrade(manager, record, SERVICE_RECORDER);
        });
        report.migrated += 1;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        report.refused.push({ caseNumber, reason: error.text.en });
      }
    });
    return report;
  }

  private async forEachOld(visit: (record: { id: string; caseNumber: string; machineVersion: number; snapshot: unknown }) => Promise<void>): Promise<void> {
    let afterId = '';
    for (;;) {
      const batch = await this.work.read((manager) => this.cases.storedBefore(manager, CASE_MACHINE_VERSION, BATCH, afterId));
      for (const record of batch) await visit(record);
      if (batch.length < BATCH) return;
      afterId = batch[batch.length - 1].id;
    }
  }
}
