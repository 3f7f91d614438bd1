import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { DatabaseNotifications } from '../database/notifications';
import { UnitOfWork } from './unit-of-work';

/** The clock, the unit of work and the wake-ups between instances: one of each for the whole service. */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    UnitOfWork,
    DatabaseNotifications,
  ],
  exports: [Clock, UnitOfWork, DatabaseNotifications],
})
export class CommonModule {}
