import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from './accounts/accounts.module';
import { AgenciesModule } from './agencies/agencies.module';
import { AlertsModule } from './alerts/alerts.module';
import { AuditModule } from './audit/audit.module';
import { CalendarModule } from './calendar/calendar.module';
import { CasesModule } from './cases/cases.module';
import { CommonModule } from './common/common.module';
import { GazetteerModule } from './gazetteer/gazetteer.module';
import { ConsoleController } from './console/console.controller';
import { DomainErrorFilter } from './common/domain-error.filter';
import { createValidationPipe } from './common/validation';
import { Environment, validateEnvironment } from './config/environment';
import { databaseOptions, openDatabase } from './database/data-source-options';
import { DemoSeeder } from './demo/demo-seeder';
import { HealthController } from './health/health.controller';
import { InboxModule } from './inbox/inbox.module';
import { ReportsModule } from './reports/reports.module';
import { CallersModule } from './callers/callers.module';
import { TasksModule } from './tasks/tasks.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, cache: true }),
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        databaseOptions({
          DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
          DATABASE_PATH: config.get('DATABASE_PATH', { infer: true }),
          DATABASE_POOL_SIZE: config.get('DATABASE_POOL_SIZE', { infer: true }),
        }),
      dataSourceFactory: (options) => openDatabase(options!),
    }),
    CommonModule,
    AuditModule,
    AccountsModule,
    CalendarModule,
    GazetteerModule,
    AgenciesModule,
    TasksModule,
    CasesModule,
    InboxModule,
    AlertsModule,
    ReportsModule,
    CallersModule,
  ],
  controllers: [ConsoleController, HealthController],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: DomainErrorFilter },
    DemoSeeder,
  ],
})
export class AppModule {}
