import { Global, Module } from '@nestjs/common';
import { WorkingCalendar } from '../../workflows/calendar';
import { Clock, SystemClock } from './clock';
import { WriteQueue } from './write-queue';

/** The clock, the calendar and the write queue: one of each for the whole service. */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: WorkingCalendar, useValue: new WorkingCalendar() },
    WriteQueue,
  ],
  exports: [Clock, WorkingCalendar, WriteQueue],
})
export class CommonModule {}
