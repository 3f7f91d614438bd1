import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AgenciesService } from './agencies.service';
import { AgencyDto, AgencyPageDto, AgencyQueryDto, CreateAgencyDto, UpdateAgencyDto } from './dto/agency.dto';

@ApiTags('agencies')
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly service: AgenciesService) {}

  @Get()
  list(@Query() query: AgencyQueryDto): Promise<AgencyPageDto> {
    return this.service.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<AgencyDto> {
    return this.service.get(id);
  }

  @Post()
  create(@Body() dto: CreateAgencyDto): Promise<AgencyDto> {
    return this.service.create(dto);
  }

  @Patch(':id')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateAgencyDto): Promise<AgencyDto> {
    return this.service.update(id, dto);
  }
}
