import { Body, Controller, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/auth.decorators';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { CallersService } from './callers.service';
import { CallerFlagDto, CallerPhoneBodyDto, CallerProfileDto, SetCallerFlagDto } from './dto/callers.dto';

/** Repeat callers, for the 111 hotline only. The number is sent in the body, not the address. */
@ApiTags('callers')
@ApiBearerAuth()
@Controller('callers')
export class CallersController {
  constructor(private readonly service: CallersService) {}

  @Post('lookup')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOkResponse({ type: CallerProfileDto, description: 'the reports this number made, and its flag while in force' })
  lookup(@Body() dto: CallerPhoneBodyDto, @CurrentActor() actor: Actor): Promise<CallerProfileDto> {
    return this.service.profile(dto.phone, actor);
  }

  @Put('flag')
  @Roles('supervisor')
  @ApiOkResponse({ type: CallerFlagDto })
  setFlag(@Body() dto: SetCallerFlagDto, @CurrentActor() actor: Actor): Promise<CallerFlagDto> {
    return this.service.setFlag(dto, actor);
  }

  @Post('flag/clear')
  @HttpCode(204)
  @Roles('supervisor')
  @ApiNoContentResponse({ description: 'the flag is gone' })
  clearFlag(@Body() dto: CallerPhoneBodyDto, @CurrentActor() actor: Actor): Promise<void> {
    return this.service.clearFlag(dto.phone, actor);
  }
}
