import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/auth.decorators';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { DomainError } from '../common/domain-error';
import { ReportingChainDto, SetReportingChainDto } from './dto/reporting-chain.dto';
import { ReportingChains } from './reporting-chains.service';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('reporting-chains')
export class ReportingChainsController {
  constructor(private readonly chains: ReportingChains) {}

  @Get(':provinceCode')
  get(@Param('provinceCode') provinceCode: string): Promise<ReportingChainDto> {
    return this.chains.get(provinceCodeOf(provinceCode));
  }

  @Put(':provinceCode')
  @Roles('administrator')
  set(@Param('provinceCode') provinceCode: string, @Body() dto: SetReportingChainDto, @CurrentActor() actor: Actor): Promise<ReportingChainDto> {
    return this.chains.set(provinceCodeOf(provinceCode), dto, actor);
  }
}

function provinceCodeOf(code: string): string {
  if (/^\d{2}$/.test(code)) return code;
  throw new DomainError('INVALID_INPUT', { vi: 'Mã tỉnh gồm hai chữ số', en: 'A province code is two digits' }, [{ field: 'provinceCode', problems: ['two digits'] }]);
}
