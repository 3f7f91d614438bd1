import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role } from '../../workflows/policy';
import { CasePacket } from '../access/referral-packets';
import { Roles } from '../accounts/auth.decorators';
import { AssignTaskDto, DeclineTaskDto, ExtendTaskDto, TaskActionDto } from '../cases/dto/case-event.dto';
import { CasePacketDto } from '../cases/dto/case-view.dto';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { AssigneeDto, TaskDto, TaskPageDto } from '../tasks/dto/task.dto';
import { InboxQueryDto } from './dto/inbox-query.dto';
import { InboxService } from './inbox.service';
import { UuidParam } from '../common/validation';

/** Everyone who works cases; administrators manage the system, not its cases. */
const WORKING_ROLES: Role[] = ['operator', 'officer', 'supervisor', 'coordinator'];

@ApiTags('inbox')
@ApiBearerAuth()
@Roles(...WORKING_ROLES)
@Controller()
export class InboxController {
  constructor(private readonly service: InboxService) {}

  @Get('agencies/:agencyId/inbox')
  inbox(@UuidParam('agencyId') agencyId: string, @Query() query: InboxQueryDto, @CurrentActor() actor: Actor): Promise<TaskPageDto> {
    return this.service.inbox(agencyId, query, actor);
  }

  @Get('tasks/:id')
  get(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<TaskDto> {
    return this.service.get(id, actor);
  }
}

@ApiTags('inbox')
@ApiBearerAuth()
@Roles(...WORKING_ROLES)
@Controller('tasks/:id')
export class TaskActionsController {
  constructor(private readonly service: InboxService) {}

  @Post('claim')
  @HttpCode(200)
  claim(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<TaskDto> {
    return this.service.claim(id, actor);
  }

  /** Gives a claimed task back to the agency: by the officer who claimed it, or a supervisor. */
  @Post('release')
  @HttpCode(200)
  release(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<TaskDto> {
    return this.service.release(id, actor);
  }

  @Get('assignees')
  @ApiOkResponse({ type: [AssigneeDto] })
  assignees(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<AssigneeDto[]> {
    return this.service.assignees(id, actor);
  }

  /** A supervisor or coordinator gives the step to one of the agency's officers. */
  @Post('assign')
  @HttpCode(200)
  assign(@UuidParam('id') id: string, @Body() dto: AssignTaskDto, @CurrentActor() actor: Actor): Promise<TaskDto> {
    return this.service.assign(id, dto, actor);
  }

  @Post('accept')
  @ApiOkResponse({ type: CasePacketDto, description: 'the case after the step' })
  @HttpCode(200)
  accept(@UuidParam('id') id: string, @Body() dto: TaskActionDto, @CurrentActor() actor: Actor): Promise<CasePacket> {
    return this.service.accept(id, dto, actor);
  }

  @Post('decline')
  @ApiOkResponse({ type: CasePacketDto, description: 'the case after the step' })
  @HttpCode(200)
  decline(@UuidParam('id') id: string, @Body() dto: DeclineTaskDto, @CurrentActor() actor: Actor): Promise<CasePacket> {
    return this.service.decline(id, dto, actor);
  }

  @Post('extend')
  @ApiOkResponse({ type: CasePacketDto, description: 'the case after the step' })
  @HttpCode(200)
  extend(@UuidParam('id') id: string, @Body() dto: ExtendTaskDto, @CurrentActor() actor: Actor): Promise<CasePacket> {
    return this.service.extend(id, dto, actor);
  }

  @Post('complete')
  @ApiOkResponse({ type: CasePacketDto, description: 'the case after the step' })
  @HttpCode(200)
  complete(@UuidParam('id') id: string, @Body() dto: TaskActionDto, @CurrentActor() actor: Actor): Promise<CasePacket> {
    return this.service.complete(id, dto, actor);
  }
}
