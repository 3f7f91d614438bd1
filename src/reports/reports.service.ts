import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import {
  BREAKDOWN_LABELS,
  CASE_INDICATORS,
  computeIndicators,
  IndicatorFigures,
  INDICATORS_VERSION,
  MANUAL_INDICATORS,
  SMALL_CELL_THRESHOLD,
  sumFigures,
  suppressSmallCells,
  VALUE_LABELS,
} from '../../workflows/indicators';
import { Label } from '../../workflows/policy';
import { PERIOD_FORMAT, recentPeriods, reportDueAt, reportingPeriod, ReportingPeriod, reportKey, ReportLevel, reportSchedule } from '../../workflows/reporting-periods';
import { Agency } from '../agencies/agency.entity';
import { AgencyDirectory } from '../agencies/agency-directory';
import { AuditTrail } from '../audit/audit-trail';
import { CaseFactsRepository } from '../cases/case-facts.repository';
import { Actor } from '../common/actor.decorator';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../common/unit-of-work';
import { Gazetteer } from '../gazetteer/gazetteer.service';
import { CommuneReportStatusDto, ConsolidationDto, LateReportDto, ReportDto, ReportFile, SubmitReportDto } from './dto/report.dto';
import { ManualValue } from './manual-value.entity';
import { ReportCatalogue, reportCatalogue } from './report-catalogue';
import { ReportContents, reportCsv, ReportSheet, reportWorkbook } from './report-files';
import { FrozenFigures, ManualFigure, ReportRecord } from './report.entity';
import { ReportsRepository, ReportUnit } from './reports.repository';

const STATUS_LABELS: Record<'draft' | 'submitted' | 'received', Label> = {
  draft: { vi: 'Bản nháp (số liệu đến hiện tại)', en: 'Draft (figures as of now)' },
  submitted: { vi: 'Đã gửi', en: 'Submitted' },
  received: { vi: 'Cấp trên đã tiếp nhận', en: 'Received by the level above' },
};

/** A unit's report past its due date and not submitted: who owes it, and who waits for it. */
export interface LateReport {
  unit: ResolvedUnit;
  period: ReportingPeriod;
  dueAt: Date;
  owner: Agency;
  recipient: Agency | null;
}

interface ResolvedUnit extends ReportUnit {
  name: string;
  provinceCode: string;
}

/** How the person asking stands to a unit's report. */
interface Standing {
  /** Of the agency that reports for the unit. */
  owner: boolean;
  /** Of the agency the report goes to (the province's coordinating body; for a province, a national body). */
  recipient: boolean;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The periodic reports: a unit's figures for a period, computed from its cases' facts while a draft,
 * frozen with their workbook (and both hashes in the audit chain) when submitted, then received by
 * the level above, which may consolidate its communes' submitted reports into its own.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly reports: ReportsRepository,
    private readonly facts: CaseFactsRepository,
    private readonly directory: AgencyDirectory,
    private readonly gazetteer: Gazetteer,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  catalogue(): ReportCatalogue {
    return reportCatalogue(this.clock.now());
  }

  async get(level: ReportLevel, code: string, periodId: string, actor: Actor): Promise<ReportDto> {
    const { unit, period, standing, owner } = await this.open(level, code, periodId, actor);
    const { stored, figures } = await this.figures(unit, period);
    await this.audit.record({ actor, action: 'report.view', subject: { type: 'report', id: reportKey(unit, period.id) } });
    return this.toDto(unit, period, owner, stored, figures, this.suppressedFor(unit, standing));
  }

  async file(level: ReportLevel, code: string, periodId: string, format: 'xlsx' | 'csv', actor: Actor): Promise<ReportFile> {
    const { unit, period, standing } = await this.open(level, code, periodId, actor);
    const { stored, figures } = await this.figures(unit, period);
    const suppressed = this.suppressedFor(unit, standing);
    const name = `bao-cao-${unit.code}-${period.id}.${format}`;
    await this.audit.record({ actor, action: 'report.export', subject: { type: 'report', id: reportKey(unit, period.id) }, detail: { format, suppressed } });
    // What was sent up is what the level above downloads: the frozen workbook, byte for byte.
    if (stored && format === 'xlsx' && suppressed) return { name, type: XLSX_TYPE, body: Buffer.from(stored.workbook, 'base64') };
    const contents = await this.contents(unit, period, stored, figures, suppressed);
    return format === 'xlsx' ? { name, type: XLSX_TYPE, body: await reportWorkbook(contents) } : { name, type: 'text/csv; charset=utf-8', body: reportCsv(contents) };
  }

  async setManualValue(level: ReportLevel, code: string, periodId: string, indicatorId: string, value: number, actor: Actor): Promise<ReportDto> {
    const { unit, period, standing, owner } = await this.open(level, code, periodId, actor);
    const indicator = MANUAL_INDICATORS.find((i) => i.id === indicatorId);
    if (!indicator) throw DomainError.notFound({ vi: 'chỉ tiêu nhập tay', en: 'Hand-entered indicator' });
    if (!standing.owner || !owner) throw this.forbidden('nhập số liệu báo cáo của đơn vị này', 'enter figures for this unit’s report');
    if (value > indicator.max) {
      throw new DomainError('INVALID_INPUT', { vi: `Giá trị tối đa là ${indicator.max}`, en: `The value is at most ${indicator.max}` }, [{ field: 'value', problems: [`at most ${indicator.max}`] }]);
    }
    await this.work.write(async (manager) => {
      if (await this.reports.find(manager, unit, period.id)) throw this.alreadySubmitted();
      const row = Object.assign(new ManualValue(), {
        unitLevel: unit.level,
        unitCode: unit.code,
        periodId: period.id,
        indicatorId,
        value,
        enteredBy: actor.username,
        enteredByAgencyId: actor.agencyId,
        enteredAt: this.clock.now(),
      });
      await this.reports.setManualValue(manager, row);
      await this.audit.append(manager, { actor, action: 'report.manual_value', subject: { type: 'report', id: reportKey(unit, period.id) }, detail: { indicator: indicatorId } });
    });
    return this.get(level, code, periodId, actor);
  }

  async submit(level: ReportLevel, code: string, periodId: string, dto: SubmitReportDto, actor: Actor): Promise<ReportDto> {
    const { unit, period, standing, owner } = await this.open(level, code, periodId, actor);
    if (!standing.owner || !owner) throw this.forbidden('gửi báo cáo của đơn vị này', 'submit this unit’s report');
    if (!actor.roles.some((role) => role === 'supervisor' || role === 'coordinator')) {
      throw this.forbidden('gửi báo cáo (lãnh đạo hoặc cán bộ điều phối ký gửi)', 'submit a report (a supervisor or coordinator signs it off)');
    }
    if (this.clock.now() < period.from) {
      throw new DomainError('CONFLICT', {
        vi: `${period.label.vi} chưa bắt đầu (từ ngày ${period.firstDay.split('-').reverse().join('/')}): chưa thể gửi`,
        en: `${period.label.en} has not begun yet (it starts on ${period.firstDay}): it cannot be submitted`,
      });
    }
    const source = dto.source ?? 'cases';
    if (source === 'consolidated' && unit.level !== 'province') {
      throw new DomainError('INVALID_INPUT', { vi: 'Chỉ báo cáo cấp tỉnh mới tổng hợp từ báo cáo của các xã', en: 'Only a province’s report consolidates its communes’ reports' }, [{ field: 'source', problems: ['consolidated is for province reports'] }]);
    }
    const schedule = await this.schedule(unit.provinceCode);
    const record = await this.work.write(async (manager) => {
      if (await this.reports.find(manager, unit, period.id)) throw this.alreadySubmitted();
      const frozen = source === 'consolidated' ? await this.consolidated(unit, period) : { indicators: await this.computed(unit, period), manual: toManual(await this.reports.manualValues(manager, unit, period.id)) };
      if (source === 'consolidated' && frozen.communes?.length === 0) {
        throw new DomainError('CONFLICT', { vi: 'Chưa có xã nào gửi báo cáo kỳ này để tổng hợp', en: 'No commune has submitted its report for this period yet' });
      }
      const report = Object.assign(new ReportRecord(), {
        id: randomUUID(),
        unitLevel: unit.level,
        unitCode: unit.code,
        periodId: period.id,
        status: 'submitted',
        source,
        indicatorsVersion: INDICATORS_VERSION,
        figures: frozen,
        figuresHash: sha256(JSON.stringify(frozen)),
        agencyId: owner.id,
        submittedBy: actor.username,
        submittedAt: this.clock.now(),
        dueAt: reportDueAt(period, unit.level, schedule),
        receivedBy: null,
        receivedAt: null,
      });
      const workbook = await reportWorkbook(await this.contents(unit, period, report, frozen.indicators, true));
      Object.assign(report, { workbook: workbook.toString('base64'), workbookHash: sha256(workbook) });
      await this.reports.insert(manager, report);
      await this.audit.append(manager, {
        actor,
        action: 'report.submit',
        subject: { type: 'report', id: reportKey(unit, period.id) },
        detail: { source, figuresHash: report.figuresHash, workbookHash: report.workbookHash, indicatorsVersion: INDICATORS_VERSION },
      });
      return report;
    });
    return this.toDto(unit, period, owner, record, record.figures.indicators, this.suppressedFor(unit, standing));
  }

  async receive(level: ReportLevel, code: string, periodId: string, actor: Actor): Promise<ReportDto> {
    const { unit, period, standing, owner } = await this.open(level, code, periodId, actor);
    if (!standing.recipient || !actor.roles.some((role) => role === 'supervisor' || role === 'coordinator' || role === 'administrator')) {
      throw this.forbidden('tiếp nhận báo cáo này (chỉ cơ quan cấp trên nhận báo cáo)', 'receive this report (only the body it goes to does)');
    }
    const record = await this.work.write(async (manager) => {
      const found = await this.reports.find(manager, unit, period.id);
      if (!found) throw new DomainError('CONFLICT', { vi: 'Đơn vị chưa gửi báo cáo kỳ này', en: 'The unit has not submitted its report for this period' });
      const at = this.clock.now();
      if (!(await this.reports.markReceived(manager, found.id, actor.username, at))) {
        throw new DomainError('CONFLICT', { vi: 'Báo cáo này đã được tiếp nhận', en: 'This report has already been received' }, { receivedAt: found.receivedAt });
      }
      await this.audit.append(manager, { actor, action: 'report.receive', subject: { type: 'report', id: reportKey(unit, period.id) } });
      return Object.assign(found, { status: 'received', receivedBy: actor.username, receivedAt: at });
    });
    return this.toDto(unit, period, owner, record, record.figures.indicators, this.suppressedFor(unit, standing));
  }

  /** Where a province's communes stand for a period, and the sum of the reports they have submitted. */
  async consolidation(provinceCode: string, periodId: string, actor: Actor): Promise<ConsolidationDto> {
    const { unit, period, standing } = await this.open('province', provinceCode, periodId, actor);
    if (!standing.owner && !standing.recipient) throw this.forbidden('xem tình hình báo cáo của các xã', 'see the communes’ reports');
    const schedule = await this.schedule(provinceCode);
    const dueAt = reportDueAt(period, 'commune', schedule);
    const now = this.clock.now();
    const leads = await this.communeLeads(provinceCode);
    const submitted = await this.work.read((manager) => this.reports.submittedFor(manager, 'commune', [...leads.keys()], period.id));
    const byCommune = new Map(submitted.map((r) => [r.unitCode, r]));
    const communes: CommuneReportStatusDto[] = [];
    for (const [communeCode, agency] of leads) {
      const report = byCommune.get(communeCode);
      communes.push({
        communeCode,
        name: await this.unitName(communeCode),
        agency: { id: agency.id, nameVi: agency.nameVi, nameEn: agency.nameEn },
        status: report?.status ?? 'missing',
        submittedAt: report?.submittedAt.toISOString() ?? null,
        dueAt: dueAt.toISOString(),
        overdue: !report && now >= dueAt,
      });
    }
    const frozen = await this.consolidated(unit, period);
    await this.audit.record({ actor, action: 'report.consolidation', subject: { type: 'report', id: reportKey(unit, period.id) } });
    return {
      provinceCode,
      period: period.id,
      dueAt: dueAt.toISOString(),
      communes,
      sum: (await this.sheets(frozen.indicators, true)),
      manual: this.manualDto(frozen.manual),
    };
  }

  /** Every unit, in every province, whose report of a recent period is past its due date and not submitted. */
  async lateReports(): Promise<LateReport[]> {
    const now = this.clock.now();
    const late: LateReport[] = [];
    for (const provinceCode of await this.directory.provinces()) {
      const schedule = await this.schedule(provinceCode);
      const coordinator = await this.directory.coordinator(provinceCode);
      const leads = await this.communeLeads(provinceCode);
      const province = await this.unit('province', provinceCode).catch(() => null);
      for (const period of recentPeriods(now)) {
        const owed: Array<Omit<LateReport, 'period'>> = [];
        const communeDue = reportDueAt(period, 'commune', schedule);
        if (communeDue <= now) {
          for (const [communeCode, lead] of leads) {
            owed.push({ unit: { level: 'commune', code: communeCode, name: await this.unitName(communeCode), provinceCode }, dueAt: communeDue, owner: lead, recipient: coordinator });
          }
        }
        const provinceDue = reportDueAt(period, 'province', schedule);
        if (province && coordinator && provinceDue <= now) owed.push({ unit: province, dueAt: provinceDue, owner: coordinator, recipient: null });
        if (owed.length === 0) continue;
        const submitted = await this.work.read(async (manager) => [
          ...(await this.reports.submittedFor(manager, 'commune', [...leads.keys()], period.id)).map((r) => `commune:${r.unitCode}`),
          ...(await this.reports.submittedFor(manager, 'province', [provinceCode], period.id)).map((r) => `province:${r.unitCode}`),
        ]);
        const done = new Set(submitted);
        for (const report of owed) if (!done.has(`${report.unit.level}:${report.unit.code}`)) late.push({ ...report, period });
      }
    }
    return late;
  }

  /** The late reports the caller's agency owes or waits for: what its supervisors are alerted to. */
  async late(actor: Actor): Promise<LateReportDto[]> {
    const national = readsNationally(actor, await this.directory.get(actor.agencyId));
    return (await this.lateReports())
      .filter((r) => r.owner.id === actor.agencyId || r.recipient?.id === actor.agencyId || (national && r.unit.level === 'province'))
      .map((r) => ({
        unit: { level: r.unit.level, code: r.unit.code, name: r.unit.name },
        period: { id: r.period.id, label: r.period.label },
        dueAt: r.dueAt.toISOString(),
        agency: { id: r.owner.id, nameVi: r.owner.nameVi, nameEn: r.owner.nameEn },
        yours: r.owner.id === actor.agencyId,
      }));
  }

  private async open(level: ReportLevel, code: string, periodId: string, actor: Actor) {
    const period = reportingPeriod(periodId);
    if (!period) {
      throw new DomainError('INVALID_INPUT', PERIOD_FORMAT, [{ field: 'period', problems: ['YYYY-H1 or YYYY-Y'] }]);
    }
    const unit = await this.unit(level, code);
    const owner = await this.owner(unit);
    const recipient = unit.level === 'commune' ? await this.directory.coordinator(unit.provinceCode) : null;
    const national = readsNationally(actor, await this.directory.get(actor.agencyId));
    const standing: Standing = {
      owner: owner !== null && actor.agencyId === owner.id,
      recipient: unit.level === 'commune' ? recipient !== null && actor.agencyId === recipient.id : national,
    };
    if (!standing.owner && !standing.recipient && !national) {
      throw this.forbidden('xem báo cáo của đơn vị này', 'see this unit’s report');
    }
    return { unit, period, standing, owner };
  }

  private async unit(level: ReportLevel, code: string): Promise<ResolvedUnit> {
    const found = await this.gazetteer.get(code);
    if (found.level !== level) throw DomainError.notFound({ vi: level === 'commune' ? 'xã, phường' : 'tỉnh, thành phố', en: level === 'commune' ? 'Commune' : 'Province' });
    return { level, code, name: found.name, provinceCode: found.provinceCode ?? code };
  }

  /** Who reports for the unit: the commune's lead body (never the province's, standing in), or the province's coordinating body. */
  private async owner(unit: ResolvedUnit): Promise<Agency | null> {
    if (unit.level === 'province') return this.directory.coordinator(unit.code);
    const lead = await this.directory.lead({ provinceCode: unit.provinceCode, districtCode: null, communeCode: unit.code });
    return lead && lead.level !== 'province' && lead.level !== 'national' ? lead : null;
  }

  /** The commune lead bodies of a province, by commune. */
  private async communeLeads(provinceCode: string): Promise<Map<string, Agency>> {
    const leads = new Map<string, Agency>();
    for (const agency of await this.directory.inProvince(provinceCode)) {
      if (!agency.communeCode || leads.has(agency.communeCode)) continue;
      const lead = await this.owner({ level: 'commune', code: agency.communeCode, name: '', provinceCode });
      if (lead) leads.set(agency.communeCode, lead);
    }
    return new Map([...leads].sort(([a], [b]) => a.localeCompare(b)));
  }

  private async schedule(provinceCode: string) {
    return reportSchedule((await this.directory.chainOf(provinceCode)).reportSchedule);
  }

  /** A report leaves the commune unless its own body is reading it: then small cells are suppressed. */
  private suppressedFor(unit: ResolvedUnit, standing: Standing): boolean {
    return unit.level !== 'commune' || !standing.owner;
  }

  private async figures(unit: ResolvedUnit, period: ReportingPeriod): Promise<{ stored: ReportRecord | null; figures: IndicatorFigures[] }> {
    const stored = await this.work.read((manager) => this.reports.find(manager, unit, period.id));
    return { stored, figures: stored ? stored.figures.indicators : await this.computed(unit, period) };
  }

  private computed(unit: ResolvedUnit, period: ReportingPeriod): Promise<IndicatorFigures[]> {
    const window = { from: period.from.getTime(), to: period.to.getTime() };
    const area = unit.level === 'commune' ? { provinceCode: unit.provinceCode, communeCode: unit.code } : { provinceCode: unit.code };
    return this.work.read(async (manager) => computeIndicators(await this.facts.forWindow(manager, area, window), window));
  }

  /** The sum of the province's communes' submitted reports, and which communes it holds. */
  private async consolidated(unit: ResolvedUnit, period: ReportingPeriod): Promise<FrozenFigures> {
    const leads = await this.communeLeads(unit.code);
    // One connection runs one query at a time: the two reads go in turn.
    const [reports, own] = await this.work.read(async (manager) => [
      await this.reports.forCommunes(manager, [...leads.keys()], period.id),
      await this.reports.manualValues(manager, unit, period.id),
    ] as const);
    const manual: ManualFigure[] = [];
    for (const indicator of MANUAL_INDICATORS) {
      if (indicator.consolidation === 'none') {
        const entered = own.find((v) => v.indicatorId === indicator.id);
        if (entered) manual.push(...toManual([entered]));
        continue;
      }
      const values = reports.flatMap((r) => r.figures.manual.filter((m) => m.indicatorId === indicator.id));
      if (values.length > 0) manual.push({ indicatorId: indicator.id, value: values.reduce((sum, v) => sum + v.value, 0), enteredBy: 'consolidation', enteredAt: this.clock.now().toISOString() });
    }
    return { indicators: sumFigures(reports.map((r) => r.figures.indicators)), manual, communes: reports.map((r) => r.unitCode).sort() };
  }

  private async toDto(unit: ResolvedUnit, period: ReportingPeriod, owner: Agency | null, stored: ReportRecord | null, figures: IndicatorFigures[], suppressed: boolean): Promise<ReportDto> {
    const schedule = await this.schedule(unit.provinceCode);
    const dueAt = stored?.dueAt ?? reportDueAt(period, unit.level, schedule);
    const manual = stored ? stored.figures.manual : toManual(await this.work.read((manager) => this.reports.manualValues(manager, unit, period.id)));
    const status = stored?.status ?? 'draft';
    return {
      unit: { level: unit.level, code: unit.code, name: unit.name },
      period: { id: period.id, label: period.label, firstDay: period.firstDay, lastDay: period.lastDay },
      agency: owner ? { id: owner.id, nameVi: owner.nameVi, nameEn: owner.nameEn } : null,
      status,
      statusLabel: STATUS_LABELS[status],
      source: stored?.source ?? 'cases',
      indicatorsVersion: stored?.indicatorsVersion ?? INDICATORS_VERSION,
      dueAt: dueAt.toISOString(),
      overdue: !stored && this.clock.now() >= dueAt,
      suppressed,
      suppressionThreshold: suppressed ? SMALL_CELL_THRESHOLD : null,
      indicators: await this.sheets(figures, suppressed),
      manual: this.manualDto(manual),
      consolidatedCommunes: stored?.figures.communes ?? null,
      submittedBy: stored?.submittedBy ?? null,
      submittedAt: stored?.submittedAt.toISOString() ?? null,
      receivedBy: stored?.receivedBy ?? null,
      receivedAt: stored?.receivedAt?.toISOString() ?? null,
      figuresHash: stored?.figuresHash ?? null,
      workbookHash: stored?.workbookHash ?? null,
    };
  }

  private manualDto(manual: ManualFigure[]): ReportDto['manual'] {
    return MANUAL_INDICATORS.map((indicator) => {
      const entered = manual.find((m) => m.indicatorId === indicator.id);
      return { id: indicator.id, label: indicator.label, clause: indicator.clause, unit: indicator.unit, value: entered?.value ?? null, enteredBy: entered?.enteredBy ?? null, enteredAt: entered?.enteredAt ?? null };
    });
  }

  private async contents(unit: ResolvedUnit, period: ReportingPeriod, stored: ReportRecord | null, figures: IndicatorFigures[], suppressed: boolean): Promise<ReportContents> {
    const manual = stored ? stored.figures.manual : toManual(await this.work.read((manager) => this.reports.manualValues(manager, unit, period.id)));
    const status = stored?.status ?? 'draft';
    return {
      title: { vi: `${period.label.vi} về phòng, chống lao động trẻ em — ${unit.name}`, en: `${period.label.en}: child labour — ${unit.name}` },
      unitName: unit.name,
      periodLabel: period.label,
      firstDay: period.firstDay,
      lastDay: period.lastDay,
      status: STATUS_LABELS[status],
      indicatorsVersion: stored?.indicatorsVersion ?? INDICATORS_VERSION,
      suppressionThreshold: suppressed ? SMALL_CELL_THRESHOLD : null,
      indicators: await this.sheets(figures, suppressed),
      manual: this.manualDto(manual).map((m) => ({ id: m.id, label: m.label, unit: m.unit, value: m.value })),
    };
  }

  /** Figures with their labels, in the registry's order, suppressed where they leave the commune. */
  private async sheets(figures: IndicatorFigures[], suppressed: boolean): Promise<ReportSheet[]> {
    const byId = new Map(figures.map((f) => [f.id, f]));
    const sheets: ReportSheet[] = [];
    for (const indicator of CASE_INDICATORS) {
      const found = byId.get(indicator.id);
      if (!found) continue;
      const plain = (cell: { numerator: number; denominator?: number }) => ({ numerator: cell.numerator, ...(cell.denominator !== undefined ? { denominator: cell.denominator } : {}), suppressed: false });
      const shown = suppressed
        ? suppressSmallCells(found)
        : { total: plain(found.total), breakdowns: Object.fromEntries(Object.entries(found.breakdowns).map(([id, cells]) => [id, Object.fromEntries(Object.entries(cells).map(([v, c]) => [v, plain(c)]))])) };
      const breakdowns: ReportSheet['breakdowns'] = [];
      for (const [id, cells] of Object.entries(shown.breakdowns)) {
        const own = indicator.valueBreakdown?.id === id ? indicator.valueBreakdown : undefined;
        const label = own?.label ?? BREAKDOWN_LABELS[id as keyof typeof BREAKDOWN_LABELS];
        const rows = [];
        for (const [value, figure] of Object.entries(cells).sort(([a], [b]) => a.localeCompare(b))) {
          rows.push({ value, label: await this.valueLabel(id, value, own?.values), figure });
        }
        breakdowns.push({ id, label, cells: rows });
      }
      sheets.push({ id: indicator.id, label: indicator.label, clause: indicator.clause, measure: indicator.measure, target: indicator.target?.label ?? null, total: shown.total, breakdowns });
    }
    return sheets;
  }

  private async valueLabel(breakdown: string, value: string, own?: Readonly<Record<string, Label>>): Promise<Label> {
    const known = own?.[value] ?? VALUE_LABELS[breakdown as keyof typeof VALUE_LABELS]?.[value];
    if (known) return known;
    if (breakdown === 'commune') {
      const name = await this.unitName(value);
      return { vi: name, en: name };
    }
    if (breakdown === 'ethnicity' && value === 'unknown') return { vi: 'Không rõ', en: 'Unknown' };
    return { vi: value, en: value };
  }

  private async unitName(code: string): Promise<string> {
    try {
      return (await this.gazetteer.get(code)).name;
    } catch {
      return code;
    }
  }

  private forbidden(vi: string, en: string): DomainError {
    return new DomainError('FORBIDDEN', { vi: `Tài khoản của bạn không được ${vi}`, en: `Your account may not ${en}` });
  }

  private alreadySubmitted(): DomainError {
    return new DomainError('CONFLICT', { vi: 'Báo cáo kỳ này đã được gửi và không sửa được nữa', en: 'This period’s report has been submitted and can no longer change' });
  }
}

/** Nationally, only coordinators (and administrators) read units' reports: not the hotline's desk. */
function readsNationally(actor: Actor, agency: Agency | undefined): boolean {
  return actor.roles.includes('administrator') || (agency?.level === 'national' && actor.roles.includes('coordinator'));
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function toManual(values: ManualValue[]): ManualFigure[] {
  return values.map((v) => ({ indicatorId: v.indicatorId, value: v.value, enteredBy: v.enteredBy, enteredAt: v.enteredAt.toISOString() }));
}
