import { describeDue } from '../../workflows/calendar';
import { createContext, useContext } from 'react';

export type Language = 'vi' | 'en';

/** Every word the console shows, Vietnamese first. */
const WORDS = {
  appName: ['Chuyển gửi bảo vệ trẻ em', 'Child-protection referrals'],
  switchLanguage: ['English', 'Tiếng Việt'],
  signIn: ['Đăng nhập', 'Sign in'],
  signOut: ['Đăng xuất', 'Sign out'],
  username: ['Tên đăng nhập', 'Username'],
  password: ['Mật khẩu', 'Password'],
  intake: ['Tiếp nhận', 'Intake'],
  inbox: ['Hộp việc', 'Inbox'],
  alerts: ['Cảnh báo', 'Alerts'],
  channel: ['Kênh tiếp nhận', 'Channel'],
  category: ['Phân loại', 'Category'],
  where: ['Nơi xảy ra', 'Where it happened'],
  province: ['Mã tỉnh', 'Province code'],
  commune: ['Mã xã/phường', 'Commune code'],
  address: ['Địa chỉ', 'Address'],
  child: ['Trẻ em', 'The child'],
  name: ['Họ tên', 'Name'],
  dateOfBirth: ['Ngày sinh', 'Date of birth'],
  estimatedAge: ['Tuổi (ước tính)', 'Age (estimated)'],
  sex: ['Giới tính', 'Sex'],
  ethnicity: ['Dân tộc', 'Ethnicity'],
  condition: ['Tình trạng của trẻ', 'The child’s condition'],
  likelyHarm: ['Nguy cơ nếu không can thiệp', 'Likely harm if nobody acts'],
  caregivers: ['Cha mẹ, người chăm sóc', 'Parents or caregivers'],
  actionsTaken: ['Biện pháp đã thực hiện', 'Actions already taken'],
  reporter: ['Người báo tin', 'Reporter'],
  anonymous: ['Giấu tên', 'Anonymous'],
  consent: ['Đồng ý ghi lại thông tin', 'Agrees to be recorded'],
  phone: ['Điện thoại', 'Phone'],
  relationship: ['Quan hệ với trẻ', 'Relationship to the child'],
  signs: ['Dấu hiệu', 'Signs'],
  work: ['Công việc của trẻ', 'The child’s work'],
  job: ['Công việc', 'Job'],
  workplace: ['Nơi làm việc', 'Workplace'],
  hoursPerDay: ['Giờ/ngày', 'Hours a day'],
  hoursPerWeek: ['Giờ/tuần', 'Hours a week'],
  nightWork: ['Làm việc ban đêm (22:00–06:00)', 'Works at night (22:00–06:00)'],
  hazardous: ['Điều kiện nặng nhọc, độc hại', 'Heavy or hazardous conditions'],
  noWork: ['Trẻ không làm việc / chưa rõ', 'No work / not known'],
  classification: ['Đánh giá lao động trẻ em', 'Child-labour classification'],
  nextSteps: ['Các bước tiếp theo', 'What happens next'],
  saveCase: ['Lưu và mở hồ sơ', 'Save and open the case'],
  draftSaved: ['Bản nháp được lưu tự động', 'The draft is saved as you type'],
  clearDraft: ['Xóa bản nháp', 'Clear the draft'],
  opened: ['Đã mở hồ sơ', 'Case opened'],
  linkedTo: ['Đã thêm tin báo vào hồ sơ', 'Report added to case'],
  forwarded: ['Đã chuyển hồ sơ cho UBND xã', 'Case forwarded to the commune'],
  caller: ['Người gọi', 'The caller'],
  callerReports: ['Số tin báo trước đây của số máy này', 'Earlier reports from this number'],
  callerFlag: ['Lưu ý về người gọi', 'Note on the caller'],
  until: ['đến hết ngày', 'until'],
  guardianName: ['Họ tên cha mẹ, người giám hộ', 'Parent or guardian’s name'],
  guardianPhone: ['Điện thoại cha mẹ, người giám hộ', 'Parent or guardian’s phone'],
  candidates: ['Hồ sơ có thể về cùng trẻ này', 'Cases that may be about this child'],
  noCandidates: ['Chưa thấy hồ sơ nào về trẻ này', 'No case about this child found yet'],
  likely: ['Nhiều khả năng cùng một trẻ', 'Likely the same child'],
  possible: ['Có thể cùng một trẻ', 'Possibly the same child'],
  linkReport: ['Thêm tin báo vào hồ sơ này', 'Add this report to that case'],
  notThisChild: ['Là trẻ khác', 'Another child'],
  decideCandidates: ['Hãy chọn: thêm tin báo vào hồ sơ đã có, hoặc xác nhận là trẻ khác', 'Choose: add the report to the existing case, or confirm it is another child'],
  openCase: ['Xem hồ sơ', 'Open the case'],
  due: ['Hạn', 'Due'],
  overdue: ['Quá hạn', 'Overdue'],
  all: ['Tất cả', 'All'],
  today: ['Đến hạn hôm nay', 'Due today'],
  step: ['Bước', 'Step'],
  caseNumber: ['Số hồ sơ', 'Case number'],
  nothing: ['Không có việc nào', 'Nothing here'],
  accept: ['Tiếp nhận', 'Accept'],
  decline: ['Từ chối', 'Decline'],
  declineReason: ['Lý do từ chối', 'Reason for declining'],
  complete: ['Hoàn thành', 'Complete'],
  outcome: ['Kết quả', 'Outcome'],
  notes: ['Ghi chú', 'Notes'],
  result: ['Quyết định', 'Decision'],
  extend: ['Gia hạn', 'Extend'],
  extendUntil: ['Gia hạn đến hết ngày', 'Extend to the end of'],
  extendReason: ['Căn cứ gia hạn (ai quyết định, số quyết định)', 'Grounds (who decided, decision number)'],
  reason: ['Lý do', 'Reason'],
  founded: ['Thông tin có cơ sở', 'The report is founded'],
  emergency: ['Cần can thiệp khẩn cấp', 'Emergency intervention needed'],
  separated: ['Đã tạm thời cách ly trẻ', 'The child was temporarily separated'],
  measures: ['Biện pháp', 'Measures'],
  stable: ['Trẻ ổn định', 'The child is stable'],
  reassignTo: ['Phân công cho cơ quan', 'Reassign to agency'],
  additionalReferrals: ['Chuyển gửi thêm', 'Additional referrals'],
  done: ['Đã xong', 'Done'],
  referral: ['Yêu cầu chuyển gửi', 'Referral'],
  statechart: ['Quy trình', 'Procedure'],
  timeline: ['Diễn biến', 'Timeline'],
  tasks: ['Nhiệm vụ', 'Tasks'],
  agency: ['Cơ quan', 'Agency'],
  status: ['Trạng thái', 'Status'],
  acknowledge: ['Đã xem', 'Acknowledge'],
  remind: ['Nhắc việc', 'Send a reminder'],
  reminded: ['Đã gửi nhắc việc', 'Reminder sent'],
  assign: ['Giao việc', 'Assign'],
  assignTo: ['Giao việc cho', 'Assign to'],
  assigned: ['Đã giao việc cho', 'Assigned to'],
  live: ['Cập nhật trực tiếp', 'Live'],
  countsByCommune: ['Số cảnh báo theo xã và mức', 'Alerts by commune and level'],
  level: ['Mức', 'Level'],
  raised: ['Thời điểm', 'Raised'],
  findings: ['Phát hiện', 'Findings'],
  back: ['Quay lại', 'Back'],
  error: ['Lỗi', 'Error'],
  reports: ['Báo cáo định kỳ', 'Periodic reports'],
  claim: ['Nhận việc', 'Claim'],
  callTime: ['Thời điểm nhận tin (để trống: bây giờ)', 'When the call came in (empty: now)'],
  whereNow: ['Trẻ đang ở đâu', 'Where the child is now'],
  takenBy: ['Ai đưa trẻ đi, ai đang giữ trẻ', 'Who took the child, who holds her now'],
  findCommune: ['Tìm xã, phường theo tên', 'Find the commune or ward by name'],
  findCommuneHint: ['ví dụ: binh lu', 'e.g. binh lu'],
  notChosen: ['chưa chọn', 'not chosen yet'],
  chooseCommune: ['Hãy chọn xã, phường nơi xảy ra trước khi lưu', 'Choose the commune or ward where it happened before saving'],
  sessionEnded: ['Phiên đăng nhập đã kết thúc — hãy đăng nhập lại. Những gì bạn đang nhập vẫn được giữ.', 'You have been signed out — sign in again. What you were typing is kept.'],
  openTask: ['Mở nhiệm vụ', 'Open the task'],
  turningPoints: ['Quyết định của xã về hồ sơ', 'The commune’s decisions on the case'],
  stepsForOthers: ['bước khác của cơ quan dành cho lãnh đạo, không hiện ở đây', 'other steps of your agency are for its supervisor and not shown here'],
  release: ['Trả việc', 'Give back'],
  claimedBy: ['Đang do cán bộ này xử lý:', 'Claimed by'],
  notClaimed: ['Chưa ai nhận việc này.', 'Nobody has claimed this yet.'],
  lateReports: ['Báo cáo định kỳ chưa gửi đúng hạn', 'Periodic reports not submitted in time'],
  openReport: ['Xem báo cáo', 'Open the report'],
  communeName: ['Xã, phường', 'Commune or ward'],
  action: ['Thao tác', 'Action'],
  period: ['Kỳ báo cáo', 'Reporting period'],
  indicators: ['Các chỉ tiêu', 'Indicators'],
  indicator: ['Chỉ tiêu', 'Indicator'],
  figure: ['Số liệu', 'Figure'],
  target: ['Mục tiêu', 'Target'],
  manualFigures: ['Chỉ tiêu nhập tay', 'Figures entered by hand'],
  notEntered: ['Chưa nhập', 'Not entered'],
  saved: ['Đã lưu', 'Saved'],
  downloadXlsx: ['Tải tệp Excel', 'Download the workbook'],
  downloadCsv: ['Tải tệp CSV', 'Download CSV'],
  submitReport: ['Gửi báo cáo lên cấp trên', 'Submit the report'],
  consolidateAndSubmit: ['Tổng hợp báo cáo các xã và gửi', 'Consolidate the communes’ reports and submit'],
  reportSubmitted: ['Đã gửi báo cáo', 'Report submitted'],
  smallCellsHidden: ['số liệu nhỏ được ẩn để bảo vệ trẻ em', 'small figures are hidden to protect children'],
  communesReports: ['Báo cáo của các xã, phường', 'The communes’ reports'],
  notSubmitted: ['Chưa gửi', 'Not submitted'],
  submitted: ['Đã gửi', 'Submitted'],
  received: ['Đã tiếp nhận', 'Received'],
  receive: ['Tiếp nhận báo cáo', 'Receive the report of'],
} as const;

export type Word = keyof typeof WORDS;

export const LanguageContext = createContext<Language>('vi');

export function useWords(): (word: Word) => string {
  const language = useContext(LanguageContext);
  return (word) => WORDS[word][language === 'vi' ? 0 : 1];
}

/** A label the API gives in both languages. */
export function useLabel(): (label: { vi: string; en: string } | null | undefined) => string {
  const language = useContext(LanguageContext);
  return (label) => (label ? label[language] : '');
}

/** A due time as people say it: "hết ngày 26/02/2026" for a deadline that ends the day. */
export function formatDue(iso: string, language: Language): string {
  return describeDue(new Date(iso))[language];
}

/** A moment as Vietnamese offices write it, in Vietnam time: "08:00 11/03/2026" (English: "11/03/2026, 08:00"). */
export function formatTime(iso: string, language: Language): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  const date = `${parts.day}/${parts.month}/${parts.year}`;
  const time = `${parts.hour}:${parts.minute}`;
  return language === 'vi' ? `${time} ${date}` : `${date}, ${time}`;
}
