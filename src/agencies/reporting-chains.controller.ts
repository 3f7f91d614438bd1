import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/auth.decorators';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { PatternParam } from '../common/validation';
import { PROVINCE_CODE } from '../gazetteer/dto/gazetteer.dto';
import { ReportingChainDto, SetReportingChainDto } from './dto/reporting-chain.dto';
import { ReportingChains } from './reporting-chains.service';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('reporting-chains')
export class ReportingChainsController {
  constructor(private readonly chains: ReportingChains) {}

  @Get(':provinceCode')
  get(@ProvinceCodeParam() provinceCode: string): Promise<ReportingChainDto> {
    return this.chains.get(provinceCode);
  }

  @Put(':provinceCode')
  @Roles('administrator')
  set(@ProvinceCodeParam() provinceCode: string, @Body() dto: SetReportingChainDto, @CurrentActor() actor: Actor): Promise<ReportingChainDto> {
    return this.chains.set(provinceCode, dto, actor);
  }
}

function ProvinceCodeParam(): ParameterDecorator {
  return PatternParam('provinceCode', PROVINCE_CODE, { vi: 'Mã tỉnh gồm hai chữ số', en: 'A province code is two digits' }, 'two digits');
}
