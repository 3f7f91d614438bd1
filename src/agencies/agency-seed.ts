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
 * A demo area for a newcomer: Lai Châu province, Tam Đường district, two communes, with the bodies
 * shared/domain/agencies.md names. Stable ids so that demo links and tests can name them.
 */
export const DEMO_PROVINCE = 'LCU';
export const DEMO_DISTRICT = 'LCU-TDG';
export const DEMO_COMMUNE_A = 'LCU-TDG-BLU';
export const DEMO_COMMUNE_B = 'LCU-TDG-SBI';

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
    districtCode: level === 'district' || level === 'commune' ? DEMO_DISTRICT : null,
    communeCode,
    email: `agency-${id}@demo.invalid`,
  };
}

export const DEMO_AGENCIES: readonly AgencySeed[] = [
  agency(1, 'HOTLINE_111', 'Tổng đài điện thoại quốc gia bảo vệ trẻ em 111', 'National child-protection hotline 111', 'national'),
  agency(2, 'SOCIAL_WORK_CENTRE', 'Trung tâm Công tác xã hội tỉnh Lai Châu', 'Lai Châu provincial social work centre', 'province'),
  agency(3, 'LABOUR_SOCIAL', 'Phòng Lao động – Thương binh và Xã hội huyện Tam Đường', 'Tam Đường district labour, invalids and social affairs office', 'district'),
  agency(4, 'EDUCATION', 'Phòng Giáo dục và Đào tạo huyện Tam Đường', 'Tam Đường district education office', 'district'),
  agency(5, 'HEALTH', 'Phòng Y tế huyện Tam Đường', 'Tam Đường district health office', 'district'),
  agency(6, 'AGRICULTURE', 'Phòng Nông nghiệp và Phát triển nông thôn huyện Tam Đường', 'Tam Đường district agriculture and rural development office', 'district'),
  agency(7, 'POLICE', 'Công an huyện Tam Đường', 'Tam Đường district police', 'district'),
  agency(8, 'JUSTICE', 'Phòng Tư pháp huyện Tam Đường', 'Tam Đường district justice office', 'district'),
  agency(11, 'COMMUNE_PC', 'Ủy ban nhân dân xã Bình Lư', 'Bình Lư commune people’s committee', 'commune', DEMO_COMMUNE_A),
  agency(12, 'POLICE', 'Công an xã Bình Lư', 'Bình Lư commune police', 'commune', DEMO_COMMUNE_A),
  agency(13, 'EDUCATION', 'Trường PTDTBT THCS Bình Lư', 'Bình Lư ethnic boarding lower-secondary school', 'commune', DEMO_COMMUNE_A),
  agency(14, 'HEALTH', 'Trạm Y tế xã Bình Lư', 'Bình Lư commune health station', 'commune', DEMO_COMMUNE_A),
  agency(15, 'RESIDENTIAL_GROUP', 'Tổ dân phố, cộng tác viên xã Bình Lư', 'Bình Lư residential groups and collaborators', 'commune', DEMO_COMMUNE_A),
  agency(16, 'MASS_ORGS', 'Ủy ban MTTQ và các đoàn thể xã Bình Lư', 'Bình Lư Fatherland Front and mass organisations', 'commune', DEMO_COMMUNE_A),
  agency(21, 'COMMUNE_PC', 'Ủy ban nhân dân xã Sơn Bình', 'Sơn Bình commune people’s committee', 'commune', DEMO_COMMUNE_B),
  agency(22, 'POLICE', 'Công an xã Sơn Bình', 'Sơn Bình commune police', 'commune', DEMO_COMMUNE_B),
  agency(23, 'HEALTH', 'Trạm Y tế xã Sơn Bình', 'Sơn Bình commune health station', 'commune', DEMO_COMMUNE_B),
  agency(24, 'CULTURE_SOCIAL', 'Phòng Văn hóa – Xã hội xã Sơn Bình', 'Sơn Bình culture–society office', 'commune', DEMO_COMMUNE_B),
];
