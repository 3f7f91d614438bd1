import { Workbook, Worksheet } from 'exceljs';
import { Label } from '../../workflows/policy';

/** A figure as it is shown: null where it is suppressed. */
export interface ShownFigure {
  numerator: number | null;
  denominator?: number | null;
  suppressed: boolean;
}

export interface ReportSheet {
  id: string;
  label: Label;
  clause: string;
  measure: 'count' | 'share';
  target: Label | null;
  total: ShownFigure;
  breakdowns: Array<{ id: string; label: Label; cells: Array<{ value: string; label: Label; figure: ShownFigure }> }>;
}

export interface ReportContents {
  title: Label;
  unitName: string;
  periodLabel: Label;
  firstDay: string;
  lastDay: string;
  status: Label;
  indicatorsVersion: string;
  suppressionThreshold: number | null;
  indicators: ReportSheet[];
  manual: Array<{ id: string; label: Label; unit: Label; value: number | null }>;
}

/**
 * A text cell a spreadsheet would read as a formula (or as a command, through DDE) is prefixed with
 * an apostrophe, so that it shows as the text it is: OWASP's advice against CSV and formula injection.
 */
export function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const SUPPRESSED = '<5';

function shown(figure: ShownFigure, threshold: number | null): Array<number | string> {
  const mark = threshold === null ? SUPPRESSED : `<${threshold}`;
  const n = figure.numerator ?? mark;
  if (figure.denominator === undefined) return [n];
  const d = figure.denominator ?? mark;
  const share = typeof figure.numerator === 'number' && typeof figure.denominator === 'number' && figure.denominator > 0 ? Math.round((figure.numerator / figure.denominator) * 1000) / 10 : '';
  return [n, d, share];
}

function headers(measure: 'count' | 'share'): string[] {
  return measure === 'share' ? ['Số đạt', 'Tổng số', 'Tỷ lệ (%)'] : ['Số lượng'];
}

/** Sheet names are at most 31 characters and refuse some; the indicator's place and id are both safe. */
function sheetName(index: number, id: string): string {
  return `${String(index + 1).padStart(2, '0')} ${id}`.slice(0, 31);
}

function addTextRow(sheet: Worksheet, values: Array<string | number>): void {
  sheet.addRow(values.map((v) => (typeof v === 'string' ? inert(v) : v)));
}

/** The workbook: a summary sheet, then one sheet per indicator with its breakdowns, headers in Vietnamese. */
export async function reportWorkbook(report: ReportContents): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'Hệ thống tiếp nhận, chuyển gửi bảo vệ trẻ em';
  const summary = workbook.addWorksheet('Tổng hợp');
  addTextRow(summary, [report.title.vi]);
  summary.getRow(1).font = { bold: true, size: 14 };
  addTextRow(summary, ['Đơn vị báo cáo', report.unitName]);
  addTextRow(summary, ['Kỳ báo cáo', `${report.periodLabel.vi} (từ ${vnDate(report.firstDay)} đến ${vnDate(report.lastDay)})`]);
  addTextRow(summary, ['Trạng thái', report.status.vi]);
  addTextRow(summary, ['Phiên bản bộ chỉ tiêu', report.indicatorsVersion]);
  if (report.suppressionThreshold !== null) {
    addTextRow(summary, ['Ghi chú', `Số liệu dưới ${report.suppressionThreshold} được ẩn (<${report.suppressionThreshold}) để bảo vệ thông tin trẻ em`]);
  }
  summary.addRow([]);
  addTextRow(summary, ['Chỉ tiêu', 'Số lượng / Số đạt', 'Tổng số', 'Tỷ lệ (%)', 'Mục tiêu', 'Căn cứ', 'Mã chỉ tiêu']);
  summary.lastRow!.font = { bold: true };
  for (const indicator of report.indicators) {
    const [n, d = '', share = ''] = shown(indicator.total, report.suppressionThreshold);
    addTextRow(summary, [indicator.label.vi, n, d, share, indicator.target?.vi ?? '', indicator.clause, indicator.id]);
  }
  summary.addRow([]);
  addTextRow(summary, ['Chỉ tiêu nhập tay', 'Giá trị', 'Đơn vị', '', '', '', 'Mã chỉ tiêu']);
  summary.lastRow!.font = { bold: true };
  for (const manual of report.manual) addTextRow(summary, [manual.label.vi, manual.value ?? 'Chưa nhập', manual.unit.vi, '', '', '', manual.id]);
  summary.columns.forEach((column, i) => (column.width = i === 0 ? 62 : i === 5 ? 90 : 16));

  report.indicators.forEach((indicator, index) => {
    const sheet = workbook.addWorksheet(sheetName(index, indicator.id));
    addTextRow(sheet, [indicator.label.vi]);
    sheet.getRow(1).font = { bold: true, size: 13 };
    addTextRow(sheet, [indicator.label.en]);
    addTextRow(sheet, ['Căn cứ', indicator.clause]);
    if (indicator.target) addTextRow(sheet, ['Mục tiêu', indicator.target.vi]);
    sheet.addRow([]);
    addTextRow(sheet, ['Phân tổ', 'Giá trị', ...headers(indicator.measure)]);
    sheet.lastRow!.font = { bold: true };
    addTextRow(sheet, ['Tổng số', '', ...shown(indicator.total, report.suppressionThreshold)]);
    for (const breakdown of indicator.breakdowns) {
      for (const cell of breakdown.cells) addTextRow(sheet, [breakdown.label.vi, cell.label.vi, ...shown(cell.figure, report.suppressionThreshold)]);
    }
    sheet.columns.forEach((column, i) => (column.width = i < 2 ? 32 : 14));
  });
  // Printed on A4 landscape, one page wide: how the report goes up on paper.
  workbook.eachSheet((sheet) => (sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : inert(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The same figures as CSV, one line per indicator and breakdown cell, with a UTF-8 byte-order mark for Excel. */
export function reportCsv(report: ReportContents): Buffer {
  const lines = [['Mã chỉ tiêu', 'Chỉ tiêu', 'Phân tổ', 'Giá trị', 'Số lượng / Số đạt', 'Tổng số', 'Tỷ lệ (%)']];
  for (const indicator of report.indicators) {
    const row = (breakdown: string, value: string, figure: ShownFigure) => {
      const [n, d = '', share = ''] = shown(figure, report.suppressionThreshold);
      lines.push([indicator.id, indicator.label.vi, breakdown, value, String(n), String(d), String(share)]);
    };
    row('Tổng số', '', indicator.total);
    for (const breakdown of indicator.breakdowns) for (const cell of breakdown.cells) row(breakdown.label.vi, cell.label.vi, cell.figure);
  }
  for (const manual of report.manual) lines.push([manual.id, manual.label.vi, 'Nhập tay', manual.unit.vi, manual.value === null ? '' : String(manual.value), '', '']);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n', 'utf8')]);
}

function vnDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
