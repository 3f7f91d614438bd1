import { Controller, Get, HttpCode, MessageEvent, Post, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, TokenInQuery } from '../accounts/auth.decorators';
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

  /** Browsers' EventSource cannot set headers: the access token may come as `?access_token=`. */
  @Sse('stream')
  @TokenInQuery()
  stream(@Query() query: AlertStreamQueryDto, @CurrentActor() actor: Actor): Observable<MessageEvent> {
    return this.service.follow(query, actor);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  acknowledge(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<AlertDto> {
    return this.service.acknowledge(id, actor);
  }
}
