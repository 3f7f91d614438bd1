import { Controller, Get, Headers, HttpCode, MessageEvent, Post, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles, StreamTicketAccepted } from '../accounts/auth.decorators';
import { Observable } from 'rxjs';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { AlertsService } from './alerts.service';
import { AlertDto, AlertPageDto, AlertQueryDto, AlertStreamQueryDto } from './dto/alert.dto';
import { UuidParam } from '../common/validation';

@ApiTags('alerts')
@ApiBearerAuth()
@Roles('supervisor', 'coordinator')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly service: AlertsService) {}

  @Get()
  list(@Query() query: AlertQueryDto, @CurrentActor() actor: Actor): Promise<AlertPageDto> {
    return this.service.list(query, actor);
  }

  /** Browsers' EventSource cannot set headers: the stream also opens with a ticket from POST /auth/stream-tickets. */
  @Sse('stream')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'Server-Sent Events: `event: alert`, `id: <ms>:<alert id>`, `data:` an AlertDto as JSON; resume with Last-Event-ID', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @StreamTicketAccepted()
  stream(@Query() query: AlertStreamQueryDto, @CurrentActor() actor: Actor, @Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
    return this.service.follow(query, actor, lastEventId);
  }

  /** The owing agency gets an e-mail now; once an hour at most. */
  @Post(':id/remind')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertDto, description: 'the alert whose step was reminded' })
  remind(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<AlertDto> {
    return this.service.remind(id, actor);
  }

  /** A supervisor's act, for their own agency. */
  @Post(':id/acknowledge')
  @Roles('supervisor')
  @HttpCode(200)
  acknowledge(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<AlertDto> {
    return this.service.acknowledge(id, actor);
  }
}
