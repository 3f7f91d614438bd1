import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CallerFlagsRepository } from './caller-flags.repository';
import { CallersController } from './callers.controller';
import { CallersService } from './callers.service';

@Module({
  imports: [CasesModule],
  controllers: [CallersController],
  providers: [CallersService, CallerFlagsRepository],
})
export class CallersModule {}
