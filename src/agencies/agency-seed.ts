import { AgencyType } from '../../workflows/policy';
import { AgencyLevel } from './agency.entity';

export interface AgencySeed {
  id: string;
  type: AgencyType;
  nameVi: string;
  nameEn: string;
  level: AgencyLevel;
  provinceCode: string | null;
  districtCode: string | null;
  communeCode: string | null;
  email: string | null;
}

/**
 * A demo area for a newcomer on the two-tier map in force since 1 July 2025: Lai Châu province (12)
 * with Xã Bình Lư (03390) and Phường Đoàn Kết (03388), and the bodies shared/domain/agencies.md names
 * at commune and province level (no district any more). Child affairs sit with the commune's
 * culture–society office and, in the province, with the Sở Y tế. Stable ids so that demo links and
 * tests can name them.
 */
export const DEMO_PROVINCE = '12';
export const DEMO_COMMUNE_A = '03390';
export const DEMO_COMMUNE_B = '03388';

function agency(
  id: number,
  type: AgencyType,
  nameVi: string,
  nameEn: string,
  level: AgencyLevel,
  communeCode: string | null = null,
): AgencySeed {
  return {
    id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    type,
    nameVi,
    nameEn,
    level,
    provinceCode: level === 'national' ? null : DEMO_PROVINCE,
    districtCode: null,
    communeCode,
    email: `agency-${id}@demo.invalid`,
  };
}

export const DEMO_AGENCIES: readonly AgencySeed[] = [
  agency(1, 'HOTLINE_111', 'Tổng đài điện thoại quốc gia bảo vệ trẻ em 111', 'National child-protection hotline 111', 'national'),
  agency(2, 'SOCIAL_WORK_CENTRE', 'Trung tâm Công tác xã hội tỉnh Lai Châu', 'Lai Châu provincial social work centre', 'province'),
  agency(3, 'HEALTH', 'Sở Y tế tỉnh Lai Châu', 'Lai Châu provincial department of health', 'province'),
  agency(4, 'EDUCATION', 'Sở Giáo dục và Đào tạo tỉnh Lai Châu', 'Lai Châu provincial department of education and training', 'province'),
  agency(5, 'LABOUR_SOCIAL', 'Sở Nội vụ tỉnh Lai Châu (lĩnh vực lao động)', 'Lai Châu provincial department of home affairs (labour)', 'province'),
  agency(6, 'AGRICULTURE', 'Sở Nông nghiệp và Môi trường tỉnh Lai Châu', 'Lai Châu provincial department of agriculture and environment', 'province'),
  agency(7, 'POLICE', 'Công an tỉnh Lai Châu', 'Lai Châu provincial police', 'province'),
  agency(8, 'JUSTICE', 'Sở Tư pháp tỉnh Lai Châu', 'Lai Châu provincial department of justice', 'province'),
  agency(11, 'COMMUNE_PC', 'Ủy ban nhân dân xã Bình Lư', 'Bình Lư commune people’s committee', 'commune', DEMO_COMMUNE_A),
  agency(12, 'POLICE', 'Công an xã Bình Lư', 'Bình Lư commune police', 'commune', DEMO_COMMUNE_A),
  agency(13, 'EDUCATION', 'Trường PTDTBT THCS Bình Lư', 'Bình Lư ethnic boarding lower-secondary school', 'commune', DEMO_COMMUNE_A),
  agency(14, 'HEALTH', 'Trạm Y tế xã Bình Lư', 'Bình Lư commune health station', 'commune', DEMO_COMMUNE_A),
  agency(15, 'RESIDENTIAL_GROUP', 'Tổ dân phố, cộng tác viên xã Bình Lư', 'Bình Lư residential groups and collaborators', 'commune', DEMO_COMMUNE_A),
  agency(16, 'MASS_ORGS', 'Ủy ban MTTQ và các đoàn thể xã Bình Lư', 'Bình Lư Fatherland Front and mass organisations', 'commune', DEMO_COMMUNE_A),
  agency(17, 'CULTURE_SOCIAL', 'Phòng Văn hóa – Xã hội xã Bình Lư', 'Bình Lư culture–society office', 'commune', DEMO_COMMUNE_A),
  agency(21, 'COMMUNE_PC', 'Ủy ban nhân dân phường Đoàn Kết', 'Đoàn Kết ward people’s committee', 'commune', DEMO_COMMUNE_B),
  agency(22, 'POLICE', 'Công an phường Đoàn Kết', 'Đoàn Kết ward police', 'commune', DEMO_COMMUNE_B),
  agency(23, 'HEALTH', 'Trạm Y tế phường Đoàn Kết', 'Đoàn Kết ward health station', 'commune', DEMO_COMMUNE_B),
  agency(24, 'CULTURE_SOCIAL', 'Phòng Văn hóa – Xã hội phường Đoàn Kết', 'Đoàn Kết ward culture–society office', 'commune', DEMO_COMMUNE_B),
];

/** Lai Châu's reporting chain: each commune's culture–society office leads, the Sở Y tế coordinates. */
export const DEMO_CHAIN = {
  provinceCode: DEMO_PROVINCE,
  communeLeadTypes: ['CULTURE_SOCIAL', 'COMMUNE_PC'] as AgencyType[],
  coordinatorAgencyId: DEMO_AGENCIES.find((agency) => agency.type === 'HEALTH' && agency.level === 'province')!.id,
};
