import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from '../config/environment';
import { MailModule } from '../mail/mail.module';
import { AgenciesModule } from '../agencies/agencies.module';
import { CasesModule } from '../cases/cases.module';
import { GazetteerModule } from '../gazetteer/gazetteer.module';
import { REPORT_DEADLINE_SCAN, ReportDeadlines } from './report-deadlines';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [CasesModule, AgenciesModule, GazetteerModule, MailModule],
  controllers: [ReportsController],
  providers: [
    ReportsService,
    ReportsRepository,
    ReportDeadlines,
    {
      provide: REPORT_DEADLINE_SCAN,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => config.get('REPORT_DEADLINE_SCAN_SECONDS', { infer: true }),
    },
  ],
})
export class ReportsModule {}
