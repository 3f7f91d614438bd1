import { Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { EntityManager, FindOptionsWhere } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import { Actor } from '../common/actor.decorator';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../common/unit-of-work';
import { Gazetteer } from '../gazetteer/gazetteer.service';
import { invalidInput } from '../common/validation';
import { AgencyDirectory } from './agency-directory';
import { DEMO_AGENCIES, DEMO_CHAIN } from './agency-seed';
import { Agency } from './agency.entity';
import { ReportingChain } from './reporting-chain.entity';
import { AgencyDto, AgencyPageDto, AgencyQueryDto, CreateAgencyDto, UpdateAgencyDto } from './dto/agency.dto';

const AGENCY = { vi: 'cơ quan', en: 'Agency' };

@Injectable()
export class AgenciesService {
  private readonly logger = new Logger(AgenciesService.name);

  constructor(
    private readonly work: UnitOfWork,
    private readonly directory: AgencyDirectory,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly gazetteer: Gazetteer,
  ) {}

  async list(query: AgencyQueryDto): Promise<AgencyPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const where: FindOptionsWhere<Agency> = {};
    if (query.type) where.type = query.type;
    if (query.provinceCode) where.provinceCode = query.provinceCode;
    if (query.communeCode) where.communeCode = query.communeCode;
    const [rows, total] = await this.work.read((manager) => manager.findAndCount(Agency, {
      where,
      order: { type: 'ASC', nameVi: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    }));
    return { items: rows.map(AgencyDto.from), total, page, pageSize };
  }

  async get(id: string): Promise<AgencyDto> {
    return AgencyDto.from(await this.work.read((manager) => this.find(manager, id)));
  }

  async create(dto: CreateAgencyDto, actor: Actor): Promise<AgencyDto> {
    await this.gazetteer.checkArea({ provinceCode: dto.provinceCode, communeCode: dto.level === 'commune' ? dto.communeCode : null });
    const now = this.clock.now();
    const agency = Object.assign(new Agency(), {
      id: randomUUID(),
      type: dto.type,
      nameVi: dto.nameVi,
      nameEn: dto.nameEn,
      level: dto.level,
      provinceCode: dto.level === 'national' ? null : (dto.provinceCode ?? null),
      districtCode: dto.level === 'district' || dto.level === 'commune' ? (dto.districtCode ?? null) : null,
      communeCode: dto.level === 'commune' ? (dto.communeCode ?? null) : null,
      email: dto.email ?? null,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    await this.work.write(async (manager) => {
      await manager.insert(Agency, agency);
      await this.audit.append(manager, { actor, action: 'agency.create', subject: { type: 'agency', id: agency.id } });
      await this.directory.changed(manager);
    });
    this.directory.invalidate();
    return AgencyDto.from(agency);
  }

  async update(id: string, dto: UpdateAgencyDto, actor: Actor): Promise<AgencyDto> {
    const agency = await this.work.write(async (manager) => {
      const found = await this.find(manager, id);
      // The agency as it would be must hold together: a commune level needs a commune code, no field may be null.
      const { type, nameVi, nameEn, level, provinceCode, districtCode, communeCode, email } = found;
      const changed = plainToInstance(CreateAgencyDto, { type, nameVi, nameEn, level, provinceCode, districtCode, communeCode, email, ...dto, active: undefined });
      const errors = validateSync(changed, { whitelist: true });
      if (errors.length > 0) throw invalidInput(errors);
      await this.gazetteer.checkArea({ provinceCode: changed.provinceCode, communeCode: changed.level === 'commune' ? changed.communeCode : null });
      Object.assign(found, dto, { updatedAt: this.clock.now() });
      await manager.save(found);
      await this.audit.append(manager, { actor, action: 'agency.update', subject: { type: 'agency', id } });
      await this.directory.changed(manager);
      return found;
    });
    this.directory.invalidate();
    return AgencyDto.from(agency);
  }

  /** Seeds the demo area into an empty database; an existing database is left as it is. */
  async seedDemo(): Promise<void> {
    const now = this.clock.now();
    const seeded = await this.work.write(async (manager) => {
      if ((await manager.count(Agency)) > 0) return false;
      await manager.insert(Agency, DEMO_AGENCIES.map((seed) => ({ ...seed, active: true, createdAt: now, updatedAt: now })));
      await manager.insert(ReportingChain, { ...DEMO_CHAIN, updatedAt: now });
      await this.directory.changed(manager);
      return true;
    });
    if (!seeded) return;
    this.directory.invalidate();
    this.logger.log(`Seeded ${DEMO_AGENCIES.length} demo agencies`);
  }

  private async find(manager: EntityManager, id: string): Promise<Agency> {
    const agency = await manager.findOneBy(Agency, { id });
    if (!agency) throw DomainError.notFound(AGENCY);
    return agency;
  }
}
