import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies/agencies.module';
import { MailModule } from '../mail/mail.module';
import { TasksModule } from '../tasks/tasks.module';
import { CaseEngine } from './case-engine.service';
import { CaseEventRecord } from './case-event.entity';
import { CaseRecord } from './case.entity';
import { CaseRepository } from './case.repository';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CaseMigrations } from './case-migrations';

@Module({
  imports: [TypeOrmModule.forFeature([CaseRecord, CaseEventRecord]), AgenciesModule, TasksModule, MailModule],
  controllers: [CasesController],
  providers: [CaseEngine, CaseRepository, CasesService, CaseMigrations],
  exports: [CaseEngine, CasesService, CaseMigrations],
})
export class CasesModule {}
