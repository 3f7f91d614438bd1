import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { localDate } from '../../workflows/calendar';
import { foldForSearch } from '../../workflows/text';
import { AuditTrail } from '../audit/audit-trail';
import { Actor } from '../common/actor.decorator';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../common/unit-of-work';
import { DatabaseNotifications } from '../database/notifications';
import { FieldError, invalidFields } from '../common/validation';
import { AdministrativeUnit } from './administrative-unit.entity';
import { CreateUnitDto, MergerDto, RecordMergerDto, UnitDto, UnitQueryDto } from './dto/gazetteer.dto';
import { UnitMerger } from './unit-merger.entity';

const UNIT = { vi: 'đơn vị hành chính', en: 'Administrative unit' };

interface Loaded {
  units: Map<string, AdministrativeUnit>;
  mergers: Map<string, UnitMerger>;
}

/** A place as a report or an agency names it: a province and one of its communes (the district is optional). */
export interface AreaCodes {
  provinceCode?: string | null;
  communeCode?: string | null;
}

/**
 * The country's administrative units: searched by name, used to check every area code the service
 * takes, and followed through mergers. Units change a few times a year, so all 3,300-odd are held in
 * memory and read again after an administrator's edit.
 */
@Injectable()
export class Gazetteer {
  private loaded: Promise<Loaded> | null = null;

  constructor(
    @InjectRepository(AdministrativeUnit) private readonly units: Repository<AdministrativeUnit>,
    @InjectRepository(UnitMerger) private readonly mergers: Repository<UnitMerger>,
    private readonly work: UnitOfWork,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly notifications: DatabaseNotifications,
  ) {
    // An edit on another instance.
    notifications.on('gazetteer_changed').subscribe(() => (this.loaded = null));
  }

  /**
   * Units whose folded name has every word of the query, the last one as the start of a word (the
   * operator is still typing it), the closest matches first.
   */
  async search(query: UnitQueryDto): Promise<UnitDto[]> {
    const { units, mergers } = await this.load();
    const words = query.q ? foldForSearch(query.q).split(' ') : [];
    const last = words[words.length - 1];
    const matches = (unit: AdministrativeUnit) => {
      const own = unit.searchName.split(' ');
      return words.slice(0, -1).every((word) => own.includes(word)) && (!last || own.some((word) => word.startsWith(last)));
    };
    const found = [...units.values()].filter(
      (unit) =>
        (!query.level || unit.level === query.level) &&
        (!query.provinceCode || unit.provinceCode === query.provinceCode || unit.code === query.provinceCode) &&
        matches(unit),
    );
    const phrase = words.join(' ');
    const rank = (unit: AdministrativeUnit) => (unit.searchName.endsWith(` ${phrase}`) || unit.searchName === phrase ? 0 : 1);
    found.sort((a, b) => rank(a) - rank(b) || a.searchName.localeCompare(b.searchName) || a.code.localeCompare(b.code));
    return found.slice(0, query.limit ?? 20).map((unit) => toDto(unit, mergers));
  }

  async get(code: string): Promise<UnitDto> {
    const { units, mergers } = await this.load();
    const unit = units.get(code);
    if (!unit) throw DomainError.notFound(UNIT);
    return toDto(unit, mergers);
  }

  /**
   * What is wrong with an area's codes, each under its field: an unknown province or commune, or a
   * commune outside the province. `prefix` names the object the codes sit in (`location.`).
   */
  async areaProblems(area: AreaCodes, prefix = ''): Promise<FieldError[]> {
    const { units } = await this.load();
    const problems: FieldError[] = [];
    const province = area.provinceCode ? units.get(area.provinceCode) : undefined;
    if (area.provinceCode && province?.level !== 'province') {
      problems.push({ field: `${prefix}provinceCode`, problems: [`${area.provinceCode} is not a province code in the gazetteer`] });
    }
    if (area.communeCode) {
      const commune = units.get(area.communeCode);
      if (commune?.level !== 'commune') {
        problems.push({ field: `${prefix}communeCode`, problems: [`${area.communeCode} is not a commune code in the gazetteer`] });
      } else if (province && commune.provinceCode !== province.code) {
        problems.push({ field: `${prefix}communeCode`, problems: [`${commune.name} (${commune.code}) is not in ${province.name} (${province.code})`] });
      }
    }
    return problems;
  }

  /** Throws a 400 naming each field when an area's codes do not hold. */
  async checkArea(area: AreaCodes, prefix = ''): Promise<void> {
    const problems = await this.areaProblems(area, prefix);
    if (problems.length === 0) return;
    throw new DomainError(
      'INVALID_INPUT',
      {
        vi: `Mã địa bàn không hợp lệ: ${problems.map((p) => p.field).join(', ')}`,
        en: `Unknown or mismatched area codes: ${problems.flatMap((p) => p.problems).join('; ')}`,
      },
      problems,
    );
  }

  /** The unit and every unit merged into it by `on`: the codes its older cases may carry. */
  async withMergedUnits(code: string, on: Date): Promise<string[]> {
    const { mergers } = await this.load();
    const day = localDate(on);
    return [code, ...[...mergers.keys()].filter((oldCode) => oldCode !== code && successor(mergers, oldCode, day) === code)];
  }

  /** The unit that answers for a place on a day: the code itself, or where mergers in force by then took it. */
  async current(code: string, on: Date): Promise<string> {
    const { mergers } = await this.load();
    return successor(mergers, code, localDate(on));
  }

  async create(dto: CreateUnitDto, actor: Actor): Promise<UnitDto> {
    const { units, mergers } = await this.load();
    if (dto.level === 'commune' && !dto.provinceCode) {
      throw invalid('provinceCode', 'required for a commune');
    }
    if (dto.level === 'commune' && units.get(dto.provinceCode!)?.level !== 'province') {
      throw invalid('provinceCode', `${dto.provinceCode} is not a province code in the gazetteer`);
    }
    if ((dto.level === 'province') !== (dto.code.length === 2)) throw invalid('code', 'two digits for a province, five for a commune');
    if (units.has(dto.code)) {
      throw new DomainError('CONFLICT', { vi: `Mã ${dto.code} đã có`, en: `The code ${dto.code} is taken` }, [{ field: 'code', problems: ['taken'] }]);
    }
    const unit = Object.assign(new AdministrativeUnit(), {
      code: dto.code,
      level: dto.level,
      name: dto.name.trim(),
      searchName: foldForSearch(dto.name),
      provinceCode: dto.level === 'commune' ? dto.provinceCode! : null,
      updatedAt: this.clock.now(),
    });
    await this.change(async (manager) => {
      await manager.insert(AdministrativeUnit, unit);
      await this.audit.append(manager, { actor, action: 'unit.create', subject: { type: 'unit', id: unit.code } });
    });
    return toDto(unit, mergers);
  }

  async rename(code: string, name: string, actor: Actor): Promise<UnitDto> {
    const { units, mergers } = await this.load();
    const unit = units.get(code);
    if (!unit) throw DomainError.notFound(UNIT);
    const renamed = { ...unit, name: name.trim(), searchName: foldForSearch(name), updatedAt: this.clock.now() };
    await this.change(async (manager) => {
      await manager.update(AdministrativeUnit, { code }, { name: renamed.name, searchName: renamed.searchName, updatedAt: renamed.updatedAt });
      await this.audit.append(manager, { actor, action: 'unit.rename', subject: { type: 'unit', id: code } });
    });
    return toDto(renamed, mergers);
  }

  /** Records that `oldCode` was merged into `newCode` from a day; units of the same level only, never in a circle. */
  async recordMerger(dto: RecordMergerDto, actor: Actor): Promise<MergerDto> {
    const { units, mergers } = await this.load();
    const from = units.get(dto.oldCode);
    const into = units.get(dto.newCode);
    if (!from) throw invalid('oldCode', `${dto.oldCode} is not in the gazetteer`);
    if (!into) throw invalid('newCode', `${dto.newCode} is not in the gazetteer`);
    if (from.level !== into.level || dto.oldCode === dto.newCode) throw invalid('newCode', 'must be another unit of the same level');
    if (mergers.has(dto.oldCode)) {
      throw new DomainError('CONFLICT', { vi: `Đã ghi nhận sáp nhập ${dto.oldCode}`, en: `${dto.oldCode} already has a merger recorded` });
    }
    for (let at: string | undefined = dto.newCode; at; at = mergers.get(at)?.newCode) {
      if (at === dto.oldCode) throw invalid('newCode', 'the mergers would form a circle');
    }
    const merger = Object.assign(new UnitMerger(), { ...dto, recordedAt: this.clock.now() });
    await this.change(async (manager) => {
      await manager.insert(UnitMerger, merger);
      await this.audit.append(manager, { actor, action: 'unit.merge', subject: { type: 'unit', id: dto.oldCode }, detail: { into: dto.newCode, effectiveOn: dto.effectiveOn } });
    });
    return { oldCode: merger.oldCode, newCode: merger.newCode, effectiveOn: merger.effectiveOn };
  }

  private async change(write: Parameters<UnitOfWork['write']>[0]): Promise<void> {
    try {
      await this.work.write(async (manager) => {
        await write(manager);
        await this.notifications.notify(manager, 'gazetteer_changed');
      });
    } finally {
      this.loaded = null;
    }
  }

  private load(): Promise<Loaded> {
    this.loaded ??= Promise.all([this.units.find(), this.mergers.find()])
      .then(([units, mergers]) => ({ units: new Map(units.map((u) => [u.code, u])), mergers: new Map(mergers.map((m) => [m.oldCode, m])) }))
      .catch((error: unknown) => {
        this.loaded = null;
        throw error;
      });
    return this.loaded;
  }
}

function toDto(unit: AdministrativeUnit, mergers: Map<string, UnitMerger>): UnitDto {
  const merger = mergers.get(unit.code);
  return {
    code: unit.code,
    level: unit.level,
    name: unit.name,
    provinceCode: unit.provinceCode,
    mergedInto: merger ? { code: merger.newCode, effectiveOn: merger.effectiveOn } : null,
  };
}

function invalid(field: string, problem: string): DomainError {
  return invalidFields([{ field, problems: [problem] }]);
}

/** Where the mergers in force on `day` took a unit (never round a circle). */
function successor(mergers: ReadonlyMap<string, UnitMerger>, code: string, day: string): string {
  const seen = new Set<string>();
  let at = code;
  for (let merger = mergers.get(at); merger && merger.effectiveOn <= day && !seen.has(at); merger = mergers.get(at)) {
    seen.add(at);
    at = merger.newCode;
  }
  return at;
}
