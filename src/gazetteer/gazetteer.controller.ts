import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/auth.decorators';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { DomainError } from '../common/domain-error';
import { CreateUnitDto, MergerDto, RecordMergerDto, RenameUnitDto, UNIT_CODE, UnitDto, UnitQueryDto } from './dto/gazetteer.dto';
import { Gazetteer } from './gazetteer.service';

@ApiTags('gazetteer')
@ApiBearerAuth()
@Controller('gazetteer')
export class GazetteerController {
  constructor(private readonly gazetteer: Gazetteer) {}

  @Get('units')
  search(@Query() query: UnitQueryDto): Promise<UnitDto[]> {
    return this.gazetteer.search(query);
  }

  @Get('units/:code')
  get(@Param('code') code: string): Promise<UnitDto> {
    return this.gazetteer.get(unitCode(code));
  }

  @Post('units')
  @Roles('administrator')
  create(@Body() dto: CreateUnitDto, @CurrentActor() actor: Actor): Promise<UnitDto> {
    return this.gazetteer.create(dto, actor);
  }

  @Patch('units/:code')
  @Roles('administrator')
  rename(@Param('code') code: string, @Body() dto: RenameUnitDto, @CurrentActor() actor: Actor): Promise<UnitDto> {
    return this.gazetteer.rename(unitCode(code), dto.name, actor);
  }

  @Post('mergers')
  @Roles('administrator')
  recordMerger(@Body() dto: RecordMergerDto, @CurrentActor() actor: Actor): Promise<MergerDto> {
    return this.gazetteer.recordMerger(dto, actor);
  }
}

function unitCode(code: string): string {
  if (UNIT_CODE.test(code)) return code;
  throw new DomainError('INVALID_INPUT', { vi: 'Mã đơn vị không hợp lệ', en: 'A unit code is two digits (province) or five (commune)' }, [
    { field: 'code', problems: ['two or five digits'] },
  ]);
}
