import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { CaseViewDto } from '../cases/dto/case-view.dto';
import { DeclineTaskDto, TaskActionDto } from '../cases/dto/case-event.dto';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { TaskDto, TaskPageDto } from '../tasks/dto/task.dto';
import { InboxQueryDto } from './dto/inbox-query.dto';
import { InboxService } from './inbox.service';

@ApiTags('inbox')
@Controller()
export class InboxController {
  constructor(private readonly service: InboxService) {}

  @Get('agencies/:agencyId/inbox')
  inbox(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Query() query: InboxQueryDto): Promise<TaskPageDto> {
    return this.service.inbox(agencyId, query);
  }

  @Get('tasks/:id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<TaskDto> {
    return this.service.get(id);
  }
}

@ApiTags('inbox')
@ApiHeader({ name: 'X-Actor', description: 'The acting officer, recorded in the case history', required: true })
@Controller('tasks/:id')
export class TaskActionsController {
  constructor(private readonly service: InboxService) {}

  @Post('claim')
  @HttpCode(200)
  claim(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<TaskDto> {
    return this.service.claim(id, actor);
  }

  @Post('accept')
  @HttpCode(200)
  accept(@Param('id', ParseUUIDPipe) id: string, @Body() dto: TaskActionDto, @CurrentActor() actor: Actor): Promise<CaseViewDto> {
    return this.service.accept(id, dto, actor);
  }

  @Post('decline')
  @HttpCode(200)
  decline(@Param('id', ParseUUIDPipe) id: string, @Body() dto: DeclineTaskDto, @CurrentActor() actor: Actor): Promise<CaseViewDto> {
    return this.service.decline(id, dto, actor);
  }

  @Post('complete')
  @HttpCode(200)
  complete(@Param('id', ParseUUIDPipe) id: string, @Body() dto: TaskActionDto, @CurrentActor() actor: Actor): Promise<CaseViewDto> {
    return this.service.complete(id, dto, actor);
  }
}
