import { Body, Controller, Delete, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { CalendarService } from './calendar.service';
import { CalendarYearDto, SetCalendarDayDto, SetCalendarYearDto } from './dto/calendar.dto';

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly service: CalendarService) {}

  @Get(':year')
  year(@Param('year', ParseIntPipe) year: number): CalendarYearDto {
    return this.service.year(year);
  }

  @Put(':year')
  setYear(@Param('year', ParseIntPipe) year: number, @Body() dto: SetCalendarYearDto, @CurrentActor() actor: Actor): Promise<CalendarYearDto> {
    return this.service.setYear(year, dto, actor);
  }

  @Put('days/:date')
  setDay(@Param('date') date: string, @Body() dto: SetCalendarDayDto, @CurrentActor() actor: Actor): Promise<CalendarYearDto> {
    return this.service.setDay(date, dto, actor);
  }

  @Delete('days/:date')
  removeDay(@Param('date') date: string): Promise<CalendarYearDto> {
    return this.service.removeDay(date);
  }
}
