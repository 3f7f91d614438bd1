import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CasePacket } from '../access/referral-packets';
import { CasePacketDto } from './dto/case-view.dto';
import { Roles } from '../accounts/auth.decorators';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { CasesService } from './cases.service';
import { OpenedCaseDto } from './dto/case-view.dto';
import { SendEventDto } from './dto/case-event.dto';
import { OpenCaseDto } from './dto/open-case.dto';
import { CandidatesDto, FindCandidatesDto } from './dto/candidates.dto';
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

  @Post('candidates')
  @Roles('operator', 'officer')
  @HttpCode(200)
  @ApiOkResponse({ type: CandidatesDto, description: 'cases the report may be about, best first, with the evidence' })
  findCandidates(@Body() dto: FindCandidatesDto, @CurrentActor() actor: Actor): Promise<CandidatesDto> {
    return this.service.findCandidates(dto, actor);
  }

  @Get(':id')
  @ApiOkResponse({ type: CasePacketDto, description: 'the case as your agency’s packet shows it' })
  get(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<CasePacket> {
    return this.service.get(id, actor);
  }

  @Post(':id/events')
  @ApiCreatedResponse({ type: CasePacketDto, description: 'the case after the event' })
  sendEvent(@UuidParam('id') id: string, @Body() dto: SendEventDto, @CurrentActor() actor: Actor): Promise<CasePacket> {
    return this.service.sendEvent(id, dto, actor);
  }
}
