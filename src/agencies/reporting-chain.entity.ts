import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AgencyType } from '../../workflows/policy';
import { JsonColumn, TimestampColumn } from '../database/columns';

/**
 * How a province runs its reporting and routing chain: which body leads a case in a commune (in
 * order of preference), and which provincial body coordinates the province, receives escalations and
 * takes any step that no body of the commune can. A province without a row uses `DEFAULT_CHAIN`.
 */
@Entity('reporting_chains')
export class ReportingChain {
  @PrimaryColumn({ name: 'province_code', type: 'varchar', length: 16 })
  provinceCode!: string;

  @JsonColumn({ name: 'commune_lead_types' })
  communeLeadTypes!: AgencyType[];

  /** The coordinating body; null: the province-level body of `DEFAULT_CHAIN.coordinatorTypes`. */
  @Column({ name: 'coordinator_agency_id', type: 'varchar', length: 36, nullable: true })
  coordinatorAgencyId!: string | null;

  /** Which plan's due dates the province's reports follow (`REPORT_SCHEDULES`); null: the default. */
  @Column({ name: 'report_schedule', type: 'varchar', length: 32, nullable: true })
  reportSchedule!: string | null;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: Date;
}

/**
 * The chain of the 2026–2030 ward plan: the commune's Phòng Văn hóa – Xã hội leads, or the commune's
 * people's committee where it has none; the province's Sở Y tế coordinates, or its social work centre.
 */
export const DEFAULT_CHAIN = {
  communeLeadTypes: ['CULTURE_SOCIAL', 'COMMUNE_PC'] as AgencyType[],
  coordinatorTypes: ['HEALTH', 'SOCIAL_WORK_CENTRE'] as AgencyType[],
};
