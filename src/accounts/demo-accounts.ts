import { Role } from '../../workflows/policy';
import { DEMO_AGENCIES } from '../agencies/agency-seed';

/** The demo password of every demo account; demo accounts are refused when NODE_ENV=production. */
export const DEMO_PASSWORD = 'demo-password-2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  agencyId: string;
  roles: Role[];
}

function agency(nameEn: string): string {
  const found = DEMO_AGENCIES.find((a) => a.nameEn === nameEn);
  if (!found) throw new Error(`No demo agency ${nameEn}`);
  return found.id;
}

/** One account for each role the demo area needs; the README lists them. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'hotline.operator', displayName: 'Tổng đài viên 111', agencyId: agency('National child-protection hotline 111'), roles: ['operator'] },
  { username: 'binhlu.officer', displayName: 'Cán bộ bảo vệ trẻ em xã Bình Lư', agencyId: agency('Bình Lư commune people’s committee'), roles: ['officer'] },
  { username: 'binhlu.chair', displayName: 'Chủ tịch UBND xã Bình Lư', agencyId: agency('Bình Lư commune people’s committee'), roles: ['supervisor'] },
  { username: 'doanket.officer', displayName: 'Cán bộ bảo vệ trẻ em phường Đoàn Kết', agencyId: agency('Đoàn Kết ward people’s committee'), roles: ['officer'] },
  { username: 'binhlu.police', displayName: 'Cán bộ Công an xã Bình Lư', agencyId: agency('Bình Lư commune police'), roles: ['officer'] },
  { username: 'binhlu.police.chief', displayName: 'Trưởng Công an xã Bình Lư', agencyId: agency('Bình Lư commune police'), roles: ['supervisor'] },
  { username: 'binhlu.school', displayName: 'Giáo viên Trường PTDTBT THCS Bình Lư', agencyId: agency('Bình Lư ethnic boarding lower-secondary school'), roles: ['officer'] },
  { username: 'laichau.education', displayName: 'Chuyên viên Sở GD&ĐT Lai Châu', agencyId: agency('Lai Châu provincial department of education and training'), roles: ['officer'] },
  { username: 'binhlu.health', displayName: 'Y sĩ Trạm Y tế xã Bình Lư', agencyId: agency('Bình Lư commune health station'), roles: ['officer'] },
  { username: 'binhlu.culture', displayName: 'Công chức Phòng Văn hóa – Xã hội xã Bình Lư', agencyId: agency('Bình Lư culture–society office'), roles: ['officer', 'coordinator'] },
  { username: 'binhlu.culture.head', displayName: 'Trưởng phòng Văn hóa – Xã hội xã Bình Lư', agencyId: agency('Bình Lư culture–society office'), roles: ['supervisor', 'coordinator'] },
  { username: 'doanket.culture.head', displayName: 'Trưởng phòng Văn hóa – Xã hội phường Đoàn Kết', agencyId: agency('Đoàn Kết ward culture–society office'), roles: ['supervisor', 'coordinator'] },
  { username: 'laichau.health.head', displayName: 'Lãnh đạo Sở Y tế Lai Châu', agencyId: agency('Lai Châu provincial department of health'), roles: ['supervisor', 'coordinator'] },
  { username: 'laichau.shelter', displayName: 'Cán bộ Trung tâm CTXH Lai Châu', agencyId: agency('Lai Châu provincial social work centre'), roles: ['officer'] },
  { username: 'laichau.agriculture', displayName: 'Chuyên viên Sở NN&MT Lai Châu', agencyId: agency('Lai Châu provincial department of agriculture and environment'), roles: ['officer'] },
  { username: 'admin', displayName: 'Quản trị hệ thống', agencyId: agency('Lai Châu provincial department of health'), roles: ['administrator'] },
];
