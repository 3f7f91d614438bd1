import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GazetteerModule } from '../gazetteer/gazetteer.module';
import { AgenciesController } from './agencies.controller';
import { AgenciesService } from './agencies.service';
import { AgencyDirectory } from './agency-directory';
import { Agency } from './agency.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Agency]), GazetteerModule],
  controllers: [AgenciesController],
  providers: [AgenciesService, AgencyDirectory],
  exports: [AgenciesService, AgencyDirectory],
})
export class AgenciesModule {}
