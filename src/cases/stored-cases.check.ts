import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { isKnownState } from '../../workflows/case-workflow';
import { CASE_MACHINE_VERSION } from '../../workflows/case.machine';
import { UnitOfWork } from '../common/unit-of-work';
import { CaseRepository } from './case.repository';

/**
 * XState has no snapshot migration: a service whose statechart no longer knows a stored state must
 * not start and strand those cases. It refuses to, and says which state and version to migrate.
 */
@Injectable()
export class StoredCasesCheck implements OnApplicationBootstrap {
  constructor(
    private readonly work: UnitOfWork,
    private readonly cases: CaseRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const stored = await this.work.read((manager) => this.cases.storedStates(manager));
    const unknown = stored.filter((s) => s.machineVersion !== CASE_MACHINE_VERSION || !isKnownState(s.value));
    if (unknown.length > 0) {
      const list = unknown.map((s) => `v${s.machineVersion} ${JSON.stringify(s.value)}`).join('; ');
      throw new Error(`Stored cases are in states this workflow (v${CASE_MACHINE_VERSION}) does not know: ${list}. Migrate them first.`);
    }
  }
}
