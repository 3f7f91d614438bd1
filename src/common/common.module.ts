import { Global, Module } from '@nestjs/common';
import { WorkingCalendar } from '../../workflows/calendar';
import { Clock, SystemClock } from './clock';
import { UnitOfWork } from './unit-of-work';

/** The clock, the calendar and the write queue: one of each for the whole service. */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: WorkingCalendar, useValue: new WorkingCalendar() },
    UnitOfWork,
  ],
  exports: [Clock, WorkingCalendar, UnitOfWork],
})
export class CommonModule {}
