import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { MeDto, RefreshDto, SignedInDto, SignInDto, StreamTicketDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly service: AuthService) {}

  @Public()
  @Post('sign-in')
  @HttpCode(200)
  signIn(@Body() dto: SignInDto, @Req() request: Request): Promise<SignedInDto> {
    return this.service.signIn(dto, request.ip ?? 'unknown');
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto, @Req() request: Request): Promise<SignedInDto> {
    return this.service.refresh(dto.refreshToken, request.ip ?? 'unknown');
  }

  @ApiBearerAuth()
  @Post('sign-out')
  @HttpCode(204)
  signOut(@CurrentActor() actor: Actor): Promise<void> {
    return this.service.signOut(actor);
  }

  /** A single-use ticket, good for 30 seconds, to open an event stream with `?ticket=` (EventSource sends no headers). */
  @ApiBearerAuth()
  @Post('stream-tickets')
  issueStreamTicket(@CurrentActor() actor: Actor): Promise<StreamTicketDto> {
    return this.service.streamTicket(actor);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentActor() actor: Actor): MeDto {
    return this.service.me(actor);
  }
}
