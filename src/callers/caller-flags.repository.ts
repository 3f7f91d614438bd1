import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { upsertRow } from '../database/writes';
import { CallerFlag } from './caller-flag.entity';

@Injectable()
export class CallerFlagsRepository {
  find(manager: EntityManager, phone: string): Promise<CallerFlag | null> {
    return manager.findOneBy(CallerFlag, { phone });
  }

  /** Sets the number's flag, replacing any it had. */
  async set(manager: EntityManager, flag: CallerFlag): Promise<void> {
    await upsertRow(manager, CallerFlag, flag, { key: ['phone'], set: ['kind', 'note', 'until', 'setBy', 'setByAgencyId', 'setAt'] });
  }

  /** Answers whether there was a flag to clear. */
  async clear(manager: EntityManager, phone: string): Promise<boolean> {
    return ((await manager.delete(CallerFlag, { phone })).affected ?? 0) > 0;
  }
}
