import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { UnitOfWork } from './unit-of-work';

/** The clock and the unit of work: one of each for the whole service. */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    UnitOfWork,
  ],
  exports: [Clock, UnitOfWork],
})
export class CommonModule {}
