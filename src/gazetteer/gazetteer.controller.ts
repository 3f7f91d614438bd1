import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/auth.decorators';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { PatternParam } from '../common/validation';
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
  get(@UnitCodeParam() code: string): Promise<UnitDto> {
    return this.gazetteer.get(code);
  }

  @Post('units')
  @Roles('administrator')
  create(@Body() dto: CreateUnitDto, @CurrentActor() actor: Actor): Promise<UnitDto> {
    return this.gazetteer.create(dto, actor);
  }

  @Patch('units/:code')
  @Roles('administrator')
  rename(@UnitCodeParam() code: string, @Body() dto: RenameUnitDto, @CurrentActor() actor: Actor): Promise<UnitDto> {
    return this.gazetteer.rename(code, dto.name, actor);
  }

  @Post('mergers')
  @Roles('administrator')
  recordMerger(@Body() dto: RecordMergerDto, @CurrentActor() actor: Actor): Promise<MergerDto> {
    return this.gazetteer.recordMerger(dto, actor);
  }
}

function UnitCodeParam(): ParameterDecorator {
  return PatternParam('code', UNIT_CODE, { vi: 'Mã đơn vị không hợp lệ', en: 'A unit code is two digits (province) or five (commune)' }, 'two or five digits');
}
