import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { FindOptionsWhere, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { AgencyDirectory } from './agency-directory';
import { DEMO_AGENCIES } from './agency-seed';
import { Agency } from './agency.entity';
import { AgencyDto, AgencyPageDto, AgencyQueryDto, CreateAgencyDto, UpdateAgencyDto } from './dto/agency.dto';

const AGENCY = { vi: 'cơ quan', en: 'Agency' };

@Injectable()
export class AgenciesService {
  private readonly logger = new Logger(AgenciesService.name);

  constructor(
    @InjectRepository(Agency) private readonly agencies: Repository<Agency>,
    private readonly directory: AgencyDirectory,
    private readonly clock: Clock,
  ) {}

  async list(query: AgencyQueryDto): Promise<AgencyPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const where: FindOptionsWhere<Agency> = {};
    if (query.type) where.type = query.type;
    if (query.provinceCode) where.provinceCode = query.provinceCode;
    if (query.communeCode) where.communeCode = query.communeCode;
    const [rows, total] = await this.agencies.findAndCount({
      where,
      order: { type: 'ASC', nameVi: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(AgencyDto.from), total, page, pageSize };
  }

  async get(id: string): Promise<AgencyDto> {
    return AgencyDto.from(await this.find(id));
  }

  async create(dto: CreateAgencyDto): Promise<AgencyDto> {
    const now = this.clock.now();
    const agency = this.agencies.create({
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
    await this.agencies.insert(agency);
    this.directory.invalidate();
    return AgencyDto.from(agency);
  }

  async update(id: string, dto: UpdateAgencyDto): Promise<AgencyDto> {
    const agency = await this.find(id);
    Object.assign(agency, dto, { updatedAt: this.clock.now() });
    await this.agencies.save(agency);
    this.directory.invalidate();
    return AgencyDto.from(agency);
  }

  /** Seeds the demo area into an empty database; an existing database is left as it is. */
  async seedDemo(): Promise<void> {
    if ((await this.agencies.count()) > 0) return;
    const now = this.clock.now();
    await this.agencies.insert(DEMO_AGENCIES.map((seed) => ({ ...seed, active: true, createdAt: now, updatedAt: now })));
    this.directory.invalidate();
    this.logger.log(`Seeded ${DEMO_AGENCIES.length} demo agencies`);
  }

  private async find(id: string): Promise<Agency> {
    const agency = await this.agencies.findOneBy({ id });
    if (!agency) throw DomainError.notFound(AGENCY);
    return agency;
  }
}
