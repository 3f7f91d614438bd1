import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { CasesModule } from '../cases/cases.module';
import { GazetteerModule } from '../gazetteer/gazetteer.module';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [CasesModule, AgenciesModule, GazetteerModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportsRepository],
})
export class ReportsModule {}
