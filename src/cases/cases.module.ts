import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies/agencies.module';
import { GazetteerModule } from '../gazetteer/gazetteer.module';
import { MailModule } from '../mail/mail.module';
import { Environment } from '../config/environment';
import { TasksModule } from '../tasks/tasks.module';
import { CaseEngine } from './case-engine.service';
import { CaseFactsBackfill } from './case-facts-backfill';
import { CaseFactsRepository } from './case-facts.repository';
import { CaseEventRecord } from './case-event.entity';
import { CaseRecord } from './case.entity';
import { CaseRepository } from './case.repository';
import { CasesController } from './cases.controller';
import { CasesService, INTAKE_SETTINGS, IntakeSettings } from './cases.service';
import { CaseMigrations } from './case-migrations';
import { ChildProfilesRepository } from './child-profiles.repository';
import { ChildProfilesBackfill } from './child-profiles-backfill';
import { DuplicateReports } from './duplicate-reports.service';

@Module({
  imports: [TypeOrmModule.forFeature([CaseRecord, CaseEventRecord]), AgenciesModule, GazetteerModule, TasksModule, MailModule],
  controllers: [CasesController],
  providers: [
    CaseEngine,
    CaseRepository,
    CaseFactsRepository,
    CaseFactsBackfill,
    ChildProfilesRepository,
    ChildProfilesBackfill,
    DuplicateReports,
    CasesService,
    CaseMigrations,
    {
      provide: INTAKE_SETTINGS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): IntakeSettings => ({ maxReportAgeDays: config.get('REPORT_MAX_AGE_DAYS', { infer: true }) }),
    },
  ],
  exports: [CaseEngine, CasesService, CaseMigrations, CaseRepository, CaseFactsRepository, CaseFactsBackfill, ChildProfilesRepository],
})
export class CasesModule {}
