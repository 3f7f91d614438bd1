import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { localDate } from '../../workflows/calendar';
import { CALLER_FLAG_LABELS } from '../../workflows/labels';
import { normalisePhone } from '../../workflows/vietnamese-names';
import { AuditTrail } from '../audit/audit-trail';
import { ChildProfilesRepository } from '../cases/child-profiles.repository';
import { Actor } from '../common/actor.decorator';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../common/unit-of-work';
import { invalidFields } from '../common/validation';
import { CallerFlag } from './caller-flag.entity';
import { CallerFlagsRepository } from './caller-flags.repository';
import { CallerFlagDto, CallerProfileDto, SetCallerFlagDto } from './dto/callers.dto';

const RECENT = 10;
const LONGEST_FLAG_DAYS = 366;

/** The audit trail names a caller by a digest of the number, never the number. */
function callerRef(phone: string): string {
  return createHash('sha256').update(phone).digest('hex').slice(0, 16);
}

/**
 * Repeat callers, as the hotline sees them: the reports a number has made anywhere in the country,
 * and a flag its supervisors set for a time. Only the hotline sees them.
 */
@Injectable()
export class CallersService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly profiles: ChildProfilesRepository,
    private readonly flags: CallerFlagsRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async profile(rawPhone: string, actor: Actor): Promise<CallerProfileDto> {
    this.checkHotline(actor);
    const phone = this.normalised(rawPhone);
    const found = await this.work.read(async (manager) => ({ reports: await this.profiles.callerReports(manager, phone, RECENT), flag: await this.flags.find(manager, phone) }));
    await this.audit.record({ actor, action: 'caller.read', subject: { type: 'caller', id: callerRef(phone) } });
    const inForce = found.flag && found.flag.until >= localDate(this.clock.now()) ? found.flag : null;
    return { phone, totalReports: found.reports.total, recentReports: found.reports.recent, flag: inForce ? flagView(inForce) : null };
  }

  async setFlag(dto: SetCallerFlagDto, actor: Actor): Promise<CallerFlagDto> {
    this.checkHotline(actor);
    const phone = this.normalised(dto.phone);
    const now = this.clock.now();
    const today = localDate(now);
    const latest = localDate(new Date(now.getTime() + LONGEST_FLAG_DAYS * 86_400_000));
    if (dto.until < today || dto.until > latest) throw invalidFields([{ field: 'until', problems: [`until must be from ${today} to ${latest}`] }]);
    const flag = Object.assign(new CallerFlag(), { phone, kind: dto.kind, note: dto.note ?? null, until: dto.until, setBy: actor.username, setByAgencyId: actor.agencyId, setAt: now });
    await this.work.write(async (manager) => {
      await this.flags.set(manager, flag);
      await this.audit.append(manager, { actor, action: 'caller.flag', subject: { type: 'caller', id: callerRef(phone) }, detail: { kind: dto.kind, until: dto.until } });
    });
    return flagView(flag);
  }

  async clearFlag(rawPhone: string, actor: Actor): Promise<void> {
    this.checkHotline(actor);
    const phone = this.normalised(rawPhone);
    const cleared = await this.work.write(async (manager) => {
      const had = await this.flags.clear(manager, phone);
      if (had) await this.audit.append(manager, { actor, action: 'caller.unflag', subject: { type: 'caller', id: callerRef(phone) } });
      return had;
    });
    if (!cleared) throw DomainError.notFound({ vi: 'ghi chú về người gọi', en: 'Caller flag' });
  }

  private normalised(phone: string): string {
    const normal = normalisePhone(phone);
    if (!normal) throw invalidFields([{ field: 'phone', problems: ['phone is not a Vietnamese phone number (9 to 11 digits)'] }]);
    return normal;
  }

  private checkHotline(actor: Actor): void {
    if (actor.agencyType !== 'HOTLINE_111') {
      throw new DomainError('FORBIDDEN', { vi: 'Chỉ Tổng đài 111 xem và ghi chú về người gọi', en: 'Only the 111 hotline sees and flags callers' });
    }
  }
}

function flagView(flag: CallerFlag): CallerFlagDto {
  return { kind: flag.kind, label: CALLER_FLAG_LABELS[flag.kind], note: flag.note, until: flag.until, setBy: flag.setBy, setAt: flag.setAt.toISOString() };
}
