import { Injectable } from '@nestjs/common';
import { reportSchedule } from '../../workflows/reporting-periods';
import { AuditTrail } from '../audit/audit-trail';
import { Actor } from '../common/actor.decorator';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../common/unit-of-work';
import { Gazetteer } from '../gazetteer/gazetteer.service';
import { AgencyDirectory } from './agency-directory';
import { ReportingChainDto, SetReportingChainDto } from './dto/reporting-chain.dto';
import { ReportingChain } from './reporting-chain.entity';

/** Each province's reporting and routing chain, as data its administrators set. */
@Injectable()
export class ReportingChains {
  constructor(
    private readonly work: UnitOfWork,
    private readonly directory: AgencyDirectory,
    private readonly gazetteer: Gazetteer,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async get(provinceCode: string): Promise<ReportingChainDto> {
    await this.gazetteer.checkArea({ provinceCode });
    const chain = await this.directory.chainOf(provinceCode);
    const coordinator = await this.directory.coordinator(provinceCode);
    const configured = await this.work.read((manager) => manager.existsBy(ReportingChain, { provinceCode }));
    return {
      provinceCode,
      communeLeadTypes: [...chain.communeLeadTypes],
      coordinatorAgencyId: chain.coordinatorAgencyId,
      reportSchedule: reportSchedule(chain.reportSchedule).id,
      coordinator: coordinator ? { id: coordinator.id, nameVi: coordinator.nameVi, nameEn: coordinator.nameEn } : null,
      configured,
    };
  }

  async set(provinceCode: string, dto: SetReportingChainDto, actor: Actor): Promise<ReportingChainDto> {
    await this.gazetteer.checkArea({ provinceCode });
    if (dto.coordinatorAgencyId) {
      const agency = await this.directory.get(dto.coordinatorAgencyId);
      if (!agency || agency.level !== 'province' || agency.provinceCode !== provinceCode) {
        throw new DomainError(
          'INVALID_INPUT',
          { vi: 'Cơ quan điều phối phải là cơ quan cấp tỉnh đang hoạt động của tỉnh này', en: 'The coordinating body must be an active province-level agency of this province' },
          [{ field: 'coordinatorAgencyId', problems: ['an active province-level agency of this province'] }],
        );
      }
    }
    const chain = Object.assign(new ReportingChain(), {
      provinceCode,
      communeLeadTypes: dto.communeLeadTypes,
      coordinatorAgencyId: dto.coordinatorAgencyId,
      reportSchedule: dto.reportSchedule ?? null,
      updatedAt: this.clock.now(),
    });
    try {
      await this.work.write(async (manager) => {
        await manager.save(chain);
        await this.audit.append(manager, { actor, action: 'chain.set', subject: { type: 'unit', id: provinceCode }, detail: { communeLeadTypes: dto.communeLeadTypes.join(','), coordinatorAgencyId: dto.coordinatorAgencyId } });
        await this.directory.changed(manager);
      });
    } finally {
      this.directory.invalidate();
    }
    return this.get(provinceCode);
  }
}
