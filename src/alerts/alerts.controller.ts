import { Controller, Get, HttpCode, MessageEvent, Param, ParseUUIDPipe, Post, Query, Sse } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { AlertsService } from './alerts.service';
import { AlertDto, AlertPageDto, AlertQueryDto, AlertStreamQueryDto } from './dto/alert.dto';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly service: AlertsService) {}

  @Get()
  list(@Query() query: AlertQueryDto): Promise<AlertPageDto> {
    return this.service.list(query);
  }

  @Sse('stream')
  stream(@Query() query: AlertStreamQueryDto): Observable<MessageEvent> {
    return this.service.follow(query);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiHeader({ name: 'X-Actor', required: true })
  acknowledge(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<AlertDto> {
    return this.service.acknowledge(id, actor);
  }
}
