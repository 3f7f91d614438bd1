/**
 * What every code a person sees is called, in Vietnamese and English: one place for the API, the
 * reports and the console. Each table is keyed by its code's type, so a new code does not compile
 * until it has its label.
 */
import { Job, Verdict, Workplace } from './child-labour';
import { CaseEventType, Category, Findings, TaskAction } from './case.machine';
import { CURRENT_POLICY, Label, REFERRAL_KINDS, ReferralKind, Role } from './policy';

export const CHANNELS = ['hotline_111', 'provincial_hotline', 'in_person', 'school', 'police', 'residential_group', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];
export const SEXES = ['female', 'male', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const CHANNEL_LABELS: Record<Channel, Label> = {
  hotline_111: { vi: 'Tổng đài 111', en: 'Hotline 111' },
  provincial_hotline: { vi: 'Đường dây nóng của tỉnh', en: 'Provincial hotline' },
  in_person: { vi: 'Trực tiếp', en: 'In person' },
  school: { vi: 'Nhà trường', en: 'School' },
  police: { vi: 'Công an', en: 'Police' },
  residential_group: { vi: 'Tổ dân phố, cộng tác viên', en: 'Residential group' },
  online: { vi: 'Trực tuyến, mạng xã hội', en: 'Online' },
};

export const CATEGORY_LABELS: Record<Category, Label> = {
  abused: { vi: 'Bị xâm hại', en: 'Abused' },
  at_risk: { vi: 'Có nguy cơ bị bạo lực, bóc lột, bỏ rơi', en: 'At risk of violence, exploitation or abandonment' },
  special_circumstances: { vi: 'Hoàn cảnh đặc biệt', en: 'Special circumstances' },
};

export const SEX_LABELS: Record<Sex, Label> = {
  female: { vi: 'Nữ', en: 'Female' },
  male: { vi: 'Nam', en: 'Male' },
  unknown: { vi: 'Không rõ', en: 'Unknown' },
};

export const JOB_LABELS: Record<Job, Label> = {
  performing_arts: { vi: 'Biểu diễn nghệ thuật', en: 'Performing arts' },
  athlete: { vi: 'Vận động viên thể thao', en: 'Athlete' },
  software_programming: { vi: 'Lập trình phần mềm', en: 'Software programming' },
  traditional_crafts: { vi: 'Nghề truyền thống', en: 'Traditional crafts' },
  handicrafts: { vi: 'Thủ công mỹ nghệ', en: 'Handicrafts' },
  weaving: { vi: 'Đan lát, dệt', en: 'Weaving' },
  hand_wrapping_food: { vi: 'Gói bánh, đóng gói thực phẩm bằng tay', en: 'Wrapping food by hand' },
  silkworm_raising: { vi: 'Nuôi tằm', en: 'Raising silkworms' },
  clean_vegetable_gardening: { vi: 'Trồng rau sạch', en: 'Clean vegetable gardening' },
  farm_herding: { vi: 'Chăn thả gia súc, gia cầm', en: 'Herding livestock' },
  fishing_net_and_seafood_drying: { vi: 'Đan lưới, phơi hải sản', en: 'Net-making and drying seafood' },
  heavy_lifting: { vi: 'Mang vác nặng', en: 'Heavy lifting' },
  alcohol_tobacco_drugs: { vi: 'Sản xuất, kinh doanh rượu, bia, thuốc lá, chất gây nghiện', en: 'Alcohol, tobacco or drugs' },
  chemicals_gas_explosives: { vi: 'Hóa chất, khí gas, chất nổ', en: 'Chemicals, gas or explosives' },
  machine_maintenance: { vi: 'Bảo dưỡng, sửa chữa máy móc', en: 'Machine maintenance' },
  building_demolition: { vi: 'Phá dỡ công trình', en: 'Demolition' },
  metal_smelting_rolling_welding: { vi: 'Nấu, cán, hàn kim loại', en: 'Smelting, rolling or welding metal' },
  diving_offshore_fishing: { vi: 'Lặn biển, đánh bắt xa bờ', en: 'Diving or offshore fishing' },
  other: { vi: 'Công việc khác', en: 'Other work' },
};

export const WORKPLACE_LABELS: Record<Workplace, Label> = {
  underwater: { vi: 'Dưới nước', en: 'Underwater' },
  underground: { vi: 'Dưới lòng đất', en: 'Underground' },
  cave_or_tunnel: { vi: 'Trong hang động, đường hầm', en: 'Cave or tunnel' },
  construction_site: { vi: 'Công trường xây dựng', en: 'Construction site' },
  slaughterhouse: { vi: 'Cơ sở giết mổ gia súc', en: 'Slaughterhouse' },
  casino: { vi: 'Sòng bạc', en: 'Casino' },
  bar: { vi: 'Quán bar, vũ trường', en: 'Bar or dance hall' },
  karaoke: { vi: 'Phòng hát karaoke', en: 'Karaoke bar' },
  hotel: { vi: 'Khách sạn', en: 'Hotel' },
  guesthouse: { vi: 'Nhà nghỉ', en: 'Guesthouse' },
  sauna: { vi: 'Cơ sở tắm hơi', en: 'Sauna' },
  massage_parlour: { vi: 'Cơ sở xoa bóp', en: 'Massage parlour' },
  lottery_venue: { vi: 'Điểm kinh doanh xổ số, casino, trò chơi có thưởng', en: 'Lottery or gaming venue' },
  video_game_venue: { vi: 'Điểm kinh doanh trò chơi điện tử', en: 'Video-game venue' },
  home: { vi: 'Tại nhà', en: 'At home' },
  family_farm: { vi: 'Trang trại, ruộng vườn gia đình', en: 'Family farm' },
  field: { vi: 'Đồng ruộng, nương rẫy', en: 'Fields' },
  workshop: { vi: 'Xưởng nhỏ', en: 'Workshop' },
  factory: { vi: 'Nhà máy', en: 'Factory' },
  shop: { vi: 'Cửa hàng', en: 'Shop' },
  restaurant: { vi: 'Nhà hàng, quán ăn', en: 'Restaurant' },
  street: { vi: 'Đường phố', en: 'Street' },
  sea: { vi: 'Trên biển', en: 'At sea' },
  other: { vi: 'Nơi khác', en: 'Elsewhere' },
};

export const VERDICT_LABELS: Record<Verdict, Label> = {
  unlawful: { vi: 'Lao động trẻ em trái pháp luật', en: 'Unlawful child labour' },
  approval_required: { vi: 'Cần kiểm tra văn bản chấp thuận của cơ quan lao động tỉnh', en: 'Provincial approval to be checked' },
  at_risk: { vi: 'Có nguy cơ', en: 'At risk' },
  permitted: { vi: 'Được phép', en: 'Permitted' },
};

/** The signs an operator or officer can tick; each one can open a referral. `employerSector` is a choice, not a sign. */
export const FINDING_LABELS: Record<Exclude<keyof Findings, 'employerSector'>, Label> = {
  traffickingSigns: { vi: 'Dấu hiệu mua bán người', en: 'Signs of trafficking' },
  exploitationSigns: { vi: 'Dấu hiệu bóc lột', en: 'Signs of exploitation' },
  forcedLabour: { vi: 'Cưỡng bức lao động', en: 'Forced labour' },
  outOfSchool: { vi: 'Bỏ học', en: 'Out of school' },
  dropOutRisk: { vi: 'Nguy cơ bỏ học', en: 'At risk of dropping out' },
  harm: { vi: 'Bị tổn hại sức khỏe, tâm lý', en: 'Harm to health or mind' },
  poorHousehold: { vi: 'Hộ nghèo, cận nghèo', en: 'Poor or near-poor household' },
  noCaregiver: { vi: 'Không có người chăm sóc', en: 'No caregiver' },
  employerInvolved: { vi: 'Có người sử dụng lao động', en: 'An employer is involved' },
  separationNeeded: { vi: 'Cần tạm thời cách ly', en: 'Temporary separation needed' },
};

/** The history's lines as the timeline names them. */
export const EVENT_LABELS: Record<CaseEventType | 'CASE_OPENED' | 'WORKFLOW_MIGRATED' | 'REPORT_LINKED' | 'DUPLICATE_REVIEWED', Label> = {
  CASE_OPENED: { vi: 'Tiếp nhận thông tin, mở hồ sơ', en: 'Report recorded, case opened' },
  WORKFLOW_MIGRATED: { vi: 'Chuyển sang phiên bản quy trình mới', en: 'Moved to a new workflow version' },
  REPORT_LINKED: { vi: 'Thêm một tin báo mới về trẻ vào hồ sơ', en: 'Another report of the child added to the case' },
  DUPLICATE_REVIEWED: { vi: 'Đã đối chiếu với hồ sơ nghi trùng: là trẻ khác', en: 'Checked against likely duplicates: another child' },
  FORWARDED: { vi: 'Chuyển UBND xã', en: 'Forwarded to the commune' },
  VERIFICATION_COMPLETED: { vi: 'Xác minh, đánh giá nguy cơ', en: 'Verified, risk assessed' },
  EMERGENCY_MEASURES_TAKEN: { vi: 'Can thiệp khẩn cấp', en: 'Emergency measures taken' },
  ASSESSMENT_COMPLETED: { vi: 'Đánh giá chi tiết', en: 'Specific assessment' },
  PLAN_DRAFTED: { vi: 'Xây dựng kế hoạch hỗ trợ', en: 'Support plan drafted' },
  PLAN_APPROVED: { vi: 'Phê duyệt kế hoạch', en: 'Plan approved' },
  PLAN_RETURNED: { vi: 'Trả lại kế hoạch', en: 'Plan returned' },
  REFERRAL_ACCEPTED: { vi: 'Tiếp nhận chuyển gửi', en: 'Referral accepted' },
  REFERRAL_DECLINED: { vi: 'Từ chối chuyển gửi', en: 'Referral declined' },
  REFERRAL_REASSIGNED: { vi: 'Phân công lại chuyển gửi', en: 'Referral reassigned' },
  REFERRAL_EXTENDED: { vi: 'Gia hạn', en: 'Deadline extended' },
  REFERRAL_COMPLETED: { vi: 'Hoàn thành chuyển gửi', en: 'Referral completed' },
  SEPARATION_EXTENDED: { vi: 'Gia hạn cách ly', en: 'Separation extended' },
  SEPARATION_ENDED: { vi: 'Chấm dứt cách ly', en: 'Separation ended' },
  REVIEW_RECORDED: { vi: 'Đánh giá định kỳ', en: 'Review recorded' },
  CLOSURE_PROPOSED: { vi: 'Đề xuất đóng hồ sơ', en: 'Closure proposed' },
  NEW_PLAN_REQUIRED: { vi: 'Cần kế hoạch mới', en: 'New plan required' },
  CLOSURE_APPROVED: { vi: 'Đóng hồ sơ', en: 'Case closed' },
  CLOSURE_REJECTED: { vi: 'Không đồng ý đóng hồ sơ', en: 'Closure rejected' },
  REOPENED: { vi: 'Mở lại hồ sơ', en: 'Case reopened' },
};

/** The referral packets an agency reads a case through. */
export const PACKET_LABELS: Record<string, Label> = {
  caseManager: { vi: 'toàn bộ hồ sơ, cho cơ quan quản lý', en: 'the whole case, for its managers' },
  receiver: { vi: 'cơ quan tiếp nhận thông tin', en: 'the receiving body' },
  police: { vi: 'thông tin cho công an', en: 'the police packet' },
  education: { vi: 'thông tin cho ngành giáo dục', en: 'the education packet' },
  health: { vi: 'thông tin cho ngành y tế', en: 'the health packet' },
  shelter: { vi: 'thông tin cho nơi tạm lánh', en: 'the shelter packet' },
  inspection: { vi: 'thông tin cho thanh tra lao động', en: 'the labour inspection packet' },
  minimal: { vi: 'số hồ sơ và việc của cơ quan', en: 'case number and own steps' },
};

export const ROLE_LABELS: Record<Role, Label> = {
  operator: { vi: 'tổng đài viên', en: 'operator' },
  officer: { vi: 'cán bộ', en: 'officer' },
  supervisor: { vi: 'lãnh đạo', en: 'supervisor' },
  coordinator: { vi: 'điều phối', en: 'coordinator' },
  administrator: { vi: 'quản trị', en: 'administrator' },
};

/** The referral kinds, as the policy table names them. */
export const REFERRAL_LABELS = Object.fromEntries(REFERRAL_KINDS.map((kind) => [kind, CURRENT_POLICY.referrals[kind].label])) as Record<ReferralKind, Label>;

/** What doing each kind of step is called on its button: the verb, not "Complete". */
export const ACTION_LABELS: Record<TaskAction, Label> = {
  forward: { vi: 'Chuyển UBND xã', en: 'Forward to the commune' },
  verify: { vi: 'Xác minh', en: 'Record the verification' },
  intervene: { vi: 'Ghi nhận can thiệp khẩn cấp', en: 'Record the emergency measures' },
  assess: { vi: 'Hoàn thành đánh giá', en: 'Record the assessment' },
  draft_plan: { vi: 'Trình kế hoạch', en: 'Submit the plan' },
  approve_plan: { vi: 'Phê duyệt kế hoạch', en: 'Approve the plan' },
  accept_referral: { vi: 'Tiếp nhận chuyển gửi', en: 'Accept the referral' },
  reassign_referral: { vi: 'Phân công lại', en: 'Reassign' },
  complete_referral: { vi: 'Báo cáo kết quả', en: 'Report the outcome' },
  end_separation: { vi: 'Chấm dứt cách ly', en: 'End the separation' },
  review: { vi: 'Ghi nhận đánh giá định kỳ', en: 'Record the review' },
  decide_closure: { vi: 'Đồng ý đóng hồ sơ', en: 'Approve the closure' },
};

/** What the hotline may note about a caller, for a time: shown to operators when the number calls again. */
export const CALLER_FLAG_KINDS = ['repeated_false_reports', 'needs_support', 'child_caller', 'threatening'] as const;
export type CallerFlagKind = (typeof CALLER_FLAG_KINDS)[number];

export const CALLER_FLAG_LABELS: Record<CallerFlagKind, Label> = {
  repeated_false_reports: { vi: 'Nhiều lần báo tin không đúng sự thật', en: 'Has made false reports more than once' },
  needs_support: { vi: 'Người gọi cần được hỗ trợ, tư vấn', en: 'The caller needs support or counselling' },
  child_caller: { vi: 'Trẻ em tự gọi về mình', en: 'A child calling about themselves' },
  threatening: { vi: 'Có lời lẽ đe dọa cán bộ', en: 'Has threatened staff' },
};
