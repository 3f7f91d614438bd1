import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { CasesService } from './cases.service';
import { CaseViewDto, OpenedCaseDto } from './dto/case-view.dto';
import { SendEventDto } from './dto/case-event.dto';
import { OpenCaseDto } from './dto/open-case.dto';

@ApiTags('cases')
@ApiHeader({ name: 'X-Actor', description: 'The acting user, recorded in the case history', required: true })
@Controller('cases')
export class CasesController {
  constructor(private readonly service: CasesService) {}

  @Post()
  open(@Body() dto: OpenCaseDto, @CurrentActor() actor: Actor): Promise<OpenedCaseDto> {
    return this.service.open(dto, actor);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<CaseViewDto> {
    return this.service.get(id);
  }

  @Post(':id/events')
  sendEvent(@Param('id', ParseUUIDPipe) id: string, @Body() dto: SendEventDto, @CurrentActor() actor: Actor): Promise<CaseViewDto> {
    return this.service.sendEvent(id, dto, actor);
  }
}
