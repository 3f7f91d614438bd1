import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CasePacket } from '../access/referral-packets';
import { Roles } from '../accounts/auth.decorators';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { CasesService } from './cases.service';
import { OpenedCaseDto } from './dto/case-view.dto';
import { SendEventDto } from './dto/case-event.dto';
import { OpenCaseDto } from './dto/open-case.dto';
import { UuidParam } from '../common/validation';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly service: CasesService) {}

  @Post()
  @Roles('operator', 'officer')
  open(@Body() dto: OpenCaseDto, @CurrentActor() actor: Actor): Promise<OpenedCaseDto> {
    return this.service.open(dto, actor);
  }

  @Get(':id')
  get(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<CasePacket> {
    return this.service.get(id, actor);
  }

  @Post(':id/events')
  sendEvent(@UuidParam('id') id: string, @Body() dto: SendEventDto, @CurrentActor() actor: Actor): Promise<CasePacket> {
    return this.service.sendEvent(id, dto, actor);
  }
}
