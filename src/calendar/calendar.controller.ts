import { Body, Controller, Delete, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/auth.decorators';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { CalendarService } from './calendar.service';
import { CalendarYearDto, SetCalendarDayDto, SetCalendarYearDto } from './dto/calendar.dto';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly service: CalendarService) {}

  @Get(':year')
  year(@Param('year', ParseIntPipe) year: number): CalendarYearDto {
    return this.service.year(year);
  }

  @Put(':year')
  @Roles('administrator')
  setYear(@Param('year', ParseIntPipe) year: number, @Body() dto: SetCalendarYearDto, @CurrentActor() actor: Actor): Promise<CalendarYearDto> {
    return this.service.setYear(year, dto, actor);
  }

  @Put('days/:date')
  @Roles('administrator')
  setDay(@Param('date') date: string, @Body() dto: SetCalendarDayDto, @CurrentActor() actor: Actor): Promise<CalendarYearDto> {
    return this.service.setDay(date, dto, actor);
  }

  @Delete('days/:date')
  @Roles('administrator')
  removeDay(@Param('date') date: string, @CurrentActor() actor: Actor): Promise<CalendarYearDto> {
    return this.service.removeDay(date, actor);
  }
}
