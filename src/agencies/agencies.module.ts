import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GazetteerModule } from '../gazetteer/gazetteer.module';
import { AgenciesController } from './agencies.controller';
import { AgenciesService } from './agencies.service';
import { AgencyDirectory } from './agency-directory';
import { Agency } from './agency.entity';
import { ReportingChain } from './reporting-chain.entity';
import { ReportingChainsController } from './reporting-chains.controller';
import { ReportingChains } from './reporting-chains.service';

@Module({
  imports: [TypeOrmModule.forFeature([Agency, ReportingChain]), GazetteerModule],
  controllers: [AgenciesController, ReportingChainsController],
  providers: [AgenciesService, AgencyDirectory, ReportingChains],
  exports: [AgenciesService, AgencyDirectory],
})
export class AgenciesModule {}
