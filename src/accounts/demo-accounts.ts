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

/**
 * One account for each role the demo area needs, and a supervisor on every agency that owes steps
 * (and so receives their alerts); the README lists them.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'hotline.operator', displayName: 'Tổng đài viên 111', agencyId: agency('National child-protection hotline 111'), roles: ['operator'] },
  { username: 'hotline.supervisor', displayName: 'Trưởng ca Tổng đài 111', agencyId: agency('National child-protection hotline 111'), roles: ['supervisor'] },
  { username: 'binhlu.officer', displayName: 'Cán bộ bảo vệ trẻ em xã Bình Lư', agencyId: agency('Bình Lư commune people’s committee'), roles: ['officer'] },
  { username: 'binhlu.chair', displayName: 'Chủ tịch UBND xã Bình Lư', agencyId: agency('Bình Lư commune people’s committee'), roles: ['supervisor'] },
  { username: 'doanket.officer', displayName: 'Cán bộ bảo vệ trẻ em phường Đoàn Kết', agencyId: agency('Đoàn Kết ward people’s committee'), roles: ['officer'] },
  { username: 'doanket.chair', displayName: 'Chủ tịch UBND phường Đoàn Kết', agencyId: agency('Đoàn Kết ward people’s committee'), roles: ['supervisor'] },
  { username: 'doanket.police.chief', displayName: 'Trưởng Công an phường Đoàn Kết', agencyId: agency('Đoàn Kết ward police'), roles: ['supervisor'] },
  { username: 'doanket.health.head', displayName: 'Trưởng Trạm Y tế phường Đoàn Kết', agencyId: agency('Đoàn Kết ward health station'), roles: ['supervisor'] },
  { username: 'binhlu.police', displayName: 'Cán bộ Công an xã Bình Lư', agencyId: agency('Bình Lư commune police'), roles: ['officer'] },
  { username: 'binhlu.police.chief', displayName: 'Trưởng Công an xã Bình Lư', agencyId: agency('Bình Lư commune police'), roles: ['supervisor'] },
  { username: 'binhlu.school', displayName: 'Giáo viên Trường PTDTBT THCS Bình Lư', agencyId: agency('Bình Lư ethnic boarding lower-secondary school'), roles: ['officer'] },
  { username: 'binhlu.school.head', displayName: 'Hiệu trưởng Trường PTDTBT THCS Bình Lư', agencyId: agency('Bình Lư ethnic boarding lower-secondary school'), roles: ['supervisor'] },
  { username: 'laichau.education', displayName: 'Chuyên viên Sở GD&ĐT Lai Châu', agencyId: agency('Lai Châu provincial department of education and training'), roles: ['officer'] },
  { username: 'laichau.education.head', displayName: 'Lãnh đạo Sở GD&ĐT Lai Châu', agencyId: agency('Lai Châu provincial department of education and training'), roles: ['supervisor'] },
  { username: 'binhlu.health', displayName: 'Y sĩ Trạm Y tế xã Bình Lư', agencyId: agency('Bình Lư commune health station'), roles: ['officer'] },
  { username: 'binhlu.health.head', displayName: 'Trưởng Trạm Y tế xã Bình Lư', agencyId: agency('Bình Lư commune health station'), roles: ['supervisor'] },
  { username: 'binhlu.culture', displayName: 'Công chức Phòng Văn hóa – Xã hội xã Bình Lư', agencyId: agency('Bình Lư culture–society office'), roles: ['officer', 'coordinator'] },
  { username: 'binhlu.culture.head', displayName: 'Trưởng phòng Văn hóa – Xã hội xã Bình Lư', agencyId: agency('Bình Lư culture–society office'), roles: ['supervisor', 'coordinator'] },
  { username: 'doanket.culture.head', displayName: 'Trưởng phòng Văn hóa – Xã hội phường Đoàn Kết', agencyId: agency('Đoàn Kết ward culture–society office'), roles: ['supervisor', 'coordinator'] },
  { username: 'laichau.health.head', displayName: 'Lãnh đạo Sở Y tế Lai Châu', agencyId: agency('Lai Châu provincial department of health'), roles: ['supervisor', 'coordinator'] },
  { username: 'laichau.shelter', displayName: 'Cán bộ Trung tâm CTXH Lai Châu', agencyId: agency('Lai Châu provincial social work centre'), roles: ['officer'] },
  { username: 'laichau.shelter.head', displayName: 'Giám đốc Trung tâm CTXH Lai Châu', agencyId: agency('Lai Châu provincial social work centre'), roles: ['supervisor'] },
  { username: 'laichau.labour', displayName: 'Thanh tra viên lao động Sở Nội vụ Lai Châu', agencyId: agency('Lai Châu provincial department of home affairs (labour)'), roles: ['officer'] },
  { username: 'laichau.labour.head', displayName: 'Lãnh đạo Sở Nội vụ Lai Châu', agencyId: agency('Lai Châu provincial department of home affairs (labour)'), roles: ['supervisor'] },
  { username: 'laichau.police.chief', displayName: 'Lãnh đạo Công an tỉnh Lai Châu', agencyId: agency('Lai Châu provincial police'), roles: ['supervisor'] },
  { username: 'laichau.agriculture', displayName: 'Chuyên viên Sở NN&MT Lai Châu', agencyId: agency('Lai Châu provincial department of agriculture and environment'), roles: ['officer'] },
  { username: 'laichau.agriculture.head', displayName: 'Lãnh đạo Sở NN&MT Lai Châu', agencyId: agency('Lai Châu provincial department of agriculture and environment'), roles: ['supervisor'] },
  { username: 'admin', displayName: 'Quản trị hệ thống', agencyId: agency('Lai Châu provincial department of health'), roles: ['administrator'] },
];
