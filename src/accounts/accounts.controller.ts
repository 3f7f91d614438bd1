import { Body, Controller, Get, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { AccountsService } from './accounts.service';
import { Roles } from './auth.decorators';
import { AccountDto, CreateAccountDto, UpdateAccountDto } from './dto/account.dto';
import { UuidParam } from '../common/validation';

@ApiTags('accounts')
@ApiBearerAuth()
@Roles('administrator')
@Controller('accounts')
export class AccountsController {
  constructor(private readonly service: AccountsService) {}

  @Get()
  @ApiQuery({ name: 'agencyId', required: false })
  list(@Query('agencyId', new ParseUUIDPipe({ optional: true })) agencyId?: string): Promise<AccountDto[]> {
    return this.service.list(agencyId);
  }

  @Post()
  create(@Body() dto: CreateAccountDto, @CurrentActor() actor: Actor): Promise<AccountDto> {
    return this.service.create(dto, actor);
  }

  @Patch(':id')
  update(@UuidParam('id') id: string, @Body() dto: UpdateAccountDto, @CurrentActor() actor: Actor): Promise<AccountDto> {
    return this.service.update(id, dto, actor);
  }
}
