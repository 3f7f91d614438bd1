import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { ReportLevel } from '../../workflows/reporting-periods';
import { insertRows, updateRows, upsertRow } from '../database/writes';
import { ManualValue } from './manual-value.entity';
import { ReportRecord } from './report.entity';

export interface ReportUnit {
  level: ReportLevel;
  code: string;
}

/** Reports and their hand-entered figures. */
@Injectable()
export class ReportsRepository {
  find(manager: EntityManager, unit: ReportUnit, periodId: string): Promise<ReportRecord | null> {
    return manager.findOneBy(ReportRecord, { unitLevel: unit.level, unitCode: unit.code, periodId });
  }

  /** The submitted (or received) reports of these communes for a period. */
  forCommunes(manager: EntityManager, communeCodes: string[], periodId: string): Promise<ReportRecord[]> {
    if (communeCodes.length === 0) return Promise.resolve([]);
    return manager.findBy(ReportRecord, { unitLevel: 'commune', unitCode: In(communeCodes), periodId });
  }

  /** The reports of a period for some units, without their workbooks: for due lists. */
  submittedFor(manager: EntityManager, level: ReportLevel, codes: string[], periodId: string): Promise<Array<Pick<ReportRecord, 'unitCode' | 'status' | 'submittedAt'>>> {
    if (codes.length === 0) return Promise.resolve([]);
    return manager.find(ReportRecord, { select: { unitCode: true, status: true, submittedAt: true }, where: { unitLevel: level, unitCode: In(codes), periodId } });
  }

  /** Inserts a submitted report; the unique key refuses a second one for the same unit and period. */
  insert(manager: EntityManager, report: ReportRecord): Promise<void> {
    return insertRows(manager, ReportRecord, report);
  }

  /** Marks a submitted report received: false when it is not (or no longer) waiting to be. */
  async markReceived(manager: EntityManager, id: string, by: string, at: Date): Promise<boolean> {
    return (await updateRows(manager, ReportRecord, { set: { status: 'received', receivedBy: by, receivedAt: at }, where: { id, status: 'submitted' } })) === 1;
  }

  manualValues(manager: EntityManager, unit: ReportUnit, periodId: string): Promise<ManualValue[]> {
    return manager.find(ManualValue, { where: { unitLevel: unit.level, unitCode: unit.code, periodId }, order: { indicatorId: 'ASC' } });
  }

  setManualValue(manager: EntityManager, value: ManualValue): Promise<void> {
    return upsertRow(manager, ManualValue, value, {
      key: ['unitLevel', 'unitCode', 'periodId', 'indicatorId'],
      set: ['value', 'enteredBy', 'enteredByAgencyId', 'enteredAt'],
    });
  }
}
