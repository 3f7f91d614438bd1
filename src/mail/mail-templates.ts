import { describeDue } from '../../workflows/calendar';
import { Label } from '../../workflows/case.machine';

/**
 * What our e-mails say. Vietnamese first, English after; the case number, the step and a link,
 * never the child's name or any other personal detail: the reader signs in to see more.
 */
export interface MailContent {
  subject: string;
  body: string;
}

function footer(): string {
  return [
    '',
    '—',
    'Thư tự động của hệ thống chuyển gửi bảo vệ trẻ em; không trả lời thư này.',
    'Automatic message from the child-protection referral system; do not reply.',
  ].join('\n');
}

export function referralAssigned(input: { caseNumber: string; link: string; referral: Label; agency: Label; dueAt: Date }): MailContent {
  return {
    subject: `[${input.caseNumber}] Yêu cầu chuyển gửi mới / New referral: ${input.referral.vi} / ${input.referral.en}`,
    body: [
      `${input.agency.vi} nhận một yêu cầu chuyển gửi (${input.referral.vi}) cho hồ sơ ${input.caseNumber}.`,
      `Hạn tiếp nhận: ${describeDue(input.dueAt).vi} (giờ Việt Nam).`,
      `Xem hồ sơ: ${input.link}`,
      '',
      `${input.agency.en} has a new referral (${input.referral.en}) for case ${input.caseNumber}.`,
      `Accept by: ${describeDue(input.dueAt).en} (Vietnam time).`,
      `Open the case: ${input.link}`,
      footer(),
    ].join('\n'),
  };
}

export function stepAlert(input: { caseNumber: string; link: string; level: Label; step: Label; agency: Label; dueAt: Date }): MailContent {
  return {
    subject: `[${input.caseNumber}] ${input.level.vi} / ${input.level.en}: ${input.step.vi}`,
    body: [
      `${input.level.vi}: bước "${input.step.vi}" của hồ sơ ${input.caseNumber}, do ${input.agency.vi} thực hiện, hạn ${describeDue(input.dueAt).vi}.`,
      `Xem hồ sơ: ${input.link}`,
      '',
      `${input.level.en}: step "${input.step.en}" of case ${input.caseNumber}, owed by ${input.agency.en}, due ${describeDue(input.dueAt).en}.`,
      `Open the case: ${input.link}`,
      footer(),
    ].join('\n'),
  };
}

/** A lead or coordinating agency reminds the agency that owes a late step. */
export function stepReminder(input: { caseNumber: string; link: string; step: Label; from: Label; dueAt: Date }): MailContent {
  return {
    subject: `[${input.caseNumber}] Nhắc việc / Reminder: ${input.step.vi}`,
    body: [
      `${input.from.vi} nhắc: bước "${input.step.vi}" của hồ sơ ${input.caseNumber} đã quá hạn (hạn ${describeDue(input.dueAt).vi}). Đề nghị xử lý ngay.`,
      `Xem hồ sơ: ${input.link}`,
      '',
      `${input.from.en} reminds you: step "${input.step.en}" of case ${input.caseNumber} is late (due ${describeDue(input.dueAt).en}). Please deal with it now.`,
      `Open the case: ${input.link}`,
      footer(),
    ].join('\n'),
  };
}

export function reportLate(input: { unit: string; period: Label; dueAt: Date; link: string }): MailContent {
  return {
    subject: `[${input.unit}] Báo cáo định kỳ quá hạn / Periodic report overdue: ${input.period.vi}`,
    body: [
      `${input.unit} chưa gửi ${input.period.vi.toLowerCase()}; hạn ${describeDue(input.dueAt).vi}.`,
      `Xem báo cáo: ${input.link}`,
      '',
      `${input.unit} has not submitted its report (${input.period.en}), due ${describeDue(input.dueAt).en}.`,
      `Open the report: ${input.link}`,
      footer(),
    ].join('\n'),
  };
}

export function caseClosed(input: { caseNumber: string; link: string; unfounded: boolean }): MailContent {
  const vi = input.unfounded ? 'đóng sau xác minh (thông tin không có cơ sở)' : 'đóng, trẻ đã an toàn và ổn định';
  const en = input.unfounded ? 'closed at verification (report unfounded)' : 'closed, the child is safe and stable';
  return {
    subject: `[${input.caseNumber}] Hồ sơ đã đóng / Case closed`,
    body: [`Hồ sơ ${input.caseNumber} đã ${vi}.`, `Xem hồ sơ: ${input.link}`, '', `Case ${input.caseNumber} was ${en}.`, `Open the case: ${input.link}`, footer()].join('\n'),
  };
}

/** To the agencies working on a case: the child was reported again. What the report says is in the case, not in the mail. */
export function reportLinked(input: { caseNumber: string; link: string }): MailContent {
  return {
    subject: `[${input.caseNumber}] Có tin báo mới về trẻ / Another report of the child`,
    body: [
      `Một tin báo mới về trẻ trong hồ sơ ${input.caseNumber} đã được thêm vào hồ sơ. Xem lịch sử hồ sơ: ${input.link}`,
      '',
      `Another report of the child in case ${input.caseNumber} was added to the case. See its history: ${input.link}`,
      footer(),
    ].join('\n'),
  };
}

/** To administrators: someone is guessing an account's password. No address or password, only the account. */
export function signInBurst(input: { username: string; failures: number; at: Date }): MailContent {
  return {
    subject: `Nghi dò mật khẩu tài khoản ${input.username} / Password guessing on account ${input.username}`,
    body: [
      `Tài khoản ${input.username} có ${input.failures} lần nhập sai mật khẩu trong một giờ qua (đến ${describeDue(input.at).vi}).`,
      'Các lần thử bị làm chậm theo từng địa chỉ; người dùng thật vẫn đăng nhập được. Xem nhật ký kiểm toán (auth.sign_in) để biết địa chỉ.',
      '',
      `Account ${input.username} had ${input.failures} wrong passwords in the last hour (to ${describeDue(input.at).en}).`,
      'Attempts are slowed per address; the real user can still sign in. The audit trail (auth.sign_in) holds the addresses.',
      footer(),
    ].join('\n'),
  };
}
