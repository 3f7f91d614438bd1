import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdministrativeUnit } from './administrative-unit.entity';
import { GazetteerController } from './gazetteer.controller';
import { Gazetteer } from './gazetteer.service';
import { UnitMerger } from './unit-merger.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AdministrativeUnit, UnitMerger])],
  controllers: [GazetteerController],
  providers: [Gazetteer],
  exports: [Gazetteer],
})
export class GazetteerModule {}
