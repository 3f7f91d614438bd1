import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { WorkingCalendar } from '../../workflows/calendar';
import { AuditTrail } from '../audit/audit-trail';
import { Actor } from '../common/actor.decorator';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../common/unit-of-work';
import { DatabaseNotifications } from '../database/notifications';
import { CalendarDayRecord, CalendarYearRecord } from './calendar-day.entity';
import { CalendarYearDto, SetCalendarDayDto, SetCalendarYearDto } from './dto/calendar.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The working-day calendar deadlines are counted with. Held in memory, read again from the
 * database at start and after every edit (here, or on another instance), so that computing a due
 * time costs no query.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private readonly logger = new Logger(CalendarService.name);
  private calendar = new WorkingCalendar({ days: [], publishedYears: [] });

  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly notifications: DatabaseNotifications,
  ) {
    // An edit on another instance; a failed read keeps the calendar in hand and waits for the next edit.
    notifications.on('calendar_changed').subscribe(() => void this.reload().catch((error: unknown) => this.logger.warn(`Calendar not read again: ${String(error)}`)));
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  current(): WorkingCalendar {
    return this.calendar;
  }

  year(year: number): CalendarYearDto {
    this.checkYear(year);
    return { year, published: this.calendar.isPublished(year), days: this.calendar.exceptions(year) };
  }

  async setDay(date: string, dto: SetCalendarDayDto, actor: Actor): Promise<CalendarYearDto> {
    this.checkDate(date);
    const row = Object.assign(new CalendarDayRecord(), { date, ...dto, updatedAt: this.clock.now(), updatedBy: actor.id });
    await this.work.write(async (manager) => {
      await manager.save(row);
      await this.audit.append(manager, { actor, action: 'calendar.set_day', subject: { type: 'calendar', id: date } });
      await this.notifications.notify(manager, 'calendar_changed');
    });
    await this.reload();
    return this.year(Number(date.slice(0, 4)));
  }

  async removeDay(date: string, actor: Actor): Promise<CalendarYearDto> {
    this.checkDate(date);
    const removed = await this.work.write(async (manager) => {
      const result = await manager.delete(CalendarDayRecord, { date });
      if (result.affected) {
        await this.audit.append(manager, { actor, action: 'calendar.remove_day', subject: { type: 'calendar', id: date } });
        await this.notifications.notify(manager, 'calendar_changed');
      }
      return result.affected ?? 0;
    });
    if (removed === 0) throw DomainError.notFound({ vi: `ngày ${date} trong lịch`, en: `Calendar day ${date}` });
    await this.reload();
    return this.year(Number(date.slice(0, 4)));
  }

  async setYear(year: number, dto: SetCalendarYearDto, actor: Actor): Promise<CalendarYearDto> {
    this.checkYear(year);
    const row = Object.assign(new CalendarYearRecord(), { year, published: dto.published, updatedAt: this.clock.now(), updatedBy: actor.id });
    await this.work.write(async (manager) => {
      await manager.save(row);
      await this.audit.append(manager, { actor, action: 'calendar.set_year', subject: { type: 'calendar', id: String(year) } });
      await this.notifications.notify(manager, 'calendar_changed');
    });
    await this.reload();
    return this.year(year);
  }

  private async reload(): Promise<void> {
    const [days, years] = await this.work.read((manager) =>
      Promise.all([manager.find(CalendarDayRecord), manager.find(CalendarYearRecord, { where: { published: true } })]),
    );
    this.calendar = new WorkingCalendar({ days, publishedYears: years.map((y) => y.year) });
  }

  private checkDate(date: string): void {
    if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
      throw new DomainError('INVALID_INPUT', { vi: `Ngày không hợp lệ: ${date} (YYYY-MM-DD)`, en: `Not a date: ${date} (YYYY-MM-DD)` });
    }
    this.checkYear(Number(date.slice(0, 4)));
  }

  private checkYear(year: number): void {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      throw new DomainError('INVALID_INPUT', { vi: 'Năm phải từ 2000 đến 2100', en: 'The year must be between 2000 and 2100' });
    }
  }
}
