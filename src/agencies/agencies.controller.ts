import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/auth.decorators';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { AgenciesService } from './agencies.service';
import { AgencyDto, AgencyPageDto, AgencyQueryDto, CreateAgencyDto, UpdateAgencyDto } from './dto/agency.dto';
import { UuidParam } from '../common/validation';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly service: AgenciesService) {}

  @Get()
  list(@Query() query: AgencyQueryDto): Promise<AgencyPageDto> {
    return this.service.list(query);
  }

  @Get(':id')
  get(@UuidParam('id') id: string): Promise<AgencyDto> {
    return this.service.get(id);
  }

  @Post()
  @Roles('administrator')
  create(@Body() dto: CreateAgencyDto, @CurrentActor() actor: Actor): Promise<AgencyDto> {
    return this.service.create(dto, actor);
  }

  @Patch(':id')
  @Roles('administrator')
  update(@UuidParam('id') id: string, @Body() dto: UpdateAgencyDto, @CurrentActor() actor: Actor): Promise<AgencyDto> {
    return this.service.update(id, dto, actor);
  }
}
