import { ApiProperty } from '@nestjs/swagger';
import { BREAKDOWN_LABELS, CASE_INDICATORS, CHILD_BREAKDOWNS, INDICATORS_VERSION, MANUAL_INDICATORS, SMALL_CELL_THRESHOLD } from '../../workflows/indicators';
import { Label } from '../../workflows/policy';
import { LabelDto } from '../common/label.dto';
import { periodsAt, REPORT_SCHEDULES, reportingPeriod, reportingYear, ReportSchedule } from '../../workflows/reporting-periods';

class BreakdownEntry {
  id!: string;
  @ApiProperty({ type: LabelDto }) label!: Label;
}

class IndicatorEntry {
  id!: string;
  @ApiProperty({ type: LabelDto }) label!: Label;
  @ApiProperty({ description: 'the plan clause it serves' }) clause!: string;
  @ApiProperty({ enum: ['count', 'share'] }) measure!: 'count' | 'share';
  @ApiProperty({ type: LabelDto, nullable: true }) target!: Label | null;
  @ApiProperty({ type: [BreakdownEntry] }) breakdowns!: BreakdownEntry[];
}

class ManualEntry {
  id!: string;
  @ApiProperty({ type: LabelDto }) label!: Label;
  clause!: string;
  @ApiProperty({ type: LabelDto }) unit!: Label;
  @ApiProperty({ enum: ['sum', 'none'] }) consolidation!: 'sum' | 'none';
}

class ScheduleEntry {
  id!: string;
  @ApiProperty({ type: LabelDto }) label!: Label;
  basis!: string;
  @ApiProperty({ description: 'by level (commune, province) and period kind (half_year, year): the last day, MM-DD', example: { commune: { half_year: '06-15', year: '12-10' } } })
  due!: Record<string, Record<string, string>>;
}

class PeriodEntry {
  @ApiProperty({ example: '2026-H1' }) id!: string;
  @ApiProperty({ type: LabelDto }) label!: Label;
  firstDay!: string;
  lastDay!: string;
}

export class ReportCatalogue {
  version!: string;
  smallCellThreshold!: number;
  @ApiProperty({ type: [IndicatorEntry], description: 'indicators counted from the cases' })
  indicators!: IndicatorEntry[];
  @ApiProperty({ type: [ManualEntry], description: 'indicators entered by hand per unit and period' })
  manual!: ManualEntry[];
  @ApiProperty({ type: [ScheduleEntry] }) schedules!: ReportSchedule[];
  @ApiProperty({ description: 'the half year (or year) under way today: what a unit reports on next' })
  currentPeriod!: string;
  @ApiProperty({ type: [PeriodEntry], description: 'the periods of the last three years, newest first' })
  periods!: PeriodEntry[];
}

/** The registry as clients read it: nothing here depends on who asks. */
export function reportCatalogue(now: Date): ReportCatalogue {
  const year = reportingYear(now);
  const periods = [year, year - 1, year - 2].flatMap((y) => [`${y}-Y`, `${y}-H1`]).map((id) => reportingPeriod(id)!);
  return {
    version: INDICATORS_VERSION,
    smallCellThreshold: SMALL_CELL_THRESHOLD,
    indicators: CASE_INDICATORS.map((i) => ({
      id: i.id,
      label: i.label,
      clause: i.clause,
      measure: i.measure,
      target: i.target?.label ?? null,
      breakdowns: [...CHILD_BREAKDOWNS.map((b) => ({ id: b, label: BREAKDOWN_LABELS[b] })), ...(i.valueBreakdown ? [{ id: i.valueBreakdown.id, label: i.valueBreakdown.label }] : [])],
    })),
    manual: MANUAL_INDICATORS.map((i) => ({ id: i.id, label: i.label, clause: i.clause, unit: i.unit, consolidation: i.consolidation })),
    schedules: [...REPORT_SCHEDULES],
    currentPeriod: periodsAt(now)[0].id,
    periods: periods.map((p) => ({ id: p.id, label: p.label, firstDay: p.firstDay, lastDay: p.lastDay })),
  };
}
