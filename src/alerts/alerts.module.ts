import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AgenciesModule } from '../agencies/agencies.module';
import { CasesModule } from '../cases/cases.module';
import { Environment } from '../config/environment';
import { MailModule } from '../mail/mail.module';
import { TasksModule } from '../tasks/tasks.module';
import { AlertStream } from './alert-stream';
import { AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';
import { ALERT_SCAN_INTERVAL, OverdueScanner } from './overdue-scanner';

@Module({
  imports: [AgenciesModule, CasesModule, MailModule, TasksModule],
  controllers: [AlertsController],
  providers: [
    AlertStream,
    AlertsRepository,
    AlertsService,
    OverdueScanner,
    {
      provide: ALERT_SCAN_INTERVAL,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => config.get('ALERT_SCAN_INTERVAL_SECONDS', { infer: true }),
    },
  ],
  exports: [OverdueScanner],
})
export class AlertsModule {}
