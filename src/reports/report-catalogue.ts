import { ApiProperty } from '@nestjs/swagger';
import { BREAKDOWN_LABELS, CASE_INDICATORS, CHILD_BREAKDOWNS, INDICATORS_VERSION, MANUAL_INDICATORS, SMALL_CELL_THRESHOLD } from '../../workflows/indicators';
import { Label } from '../../workflows/policy';
import { periodsAt, REPORT_SCHEDULES, reportingPeriod, ReportSchedule } from '../../workflows/reporting-periods';

export class ReportCatalogue {
  version!: string;
  smallCellThreshold!: number;
  @ApiProperty({ description: 'indicators counted from the cases' })
  indicators!: Array<{ id: string; label: Label; clause: string; measure: 'count' | 'share'; target: Label | null; breakdowns: Array<{ id: string; label: Label }> }>;
  @ApiProperty({ description: 'indicators entered by hand per unit and period' })
  manual!: Array<{ id: string; label: Label; clause: string; unit: Label; consolidation: 'sum' | 'none' }>;
  schedules!: ReportSchedule[];
  @ApiProperty({ description: 'the half year (or year) under way today: what a unit reports on next' })
  currentPeriod!: string;
  @ApiProperty({ description: 'the periods of the last three years, newest first' })
  periods!: Array<{ id: string; label: Label; firstDay: string; lastDay: string }>;
}

/** The registry as clients read it: nothing here depends on who asks. */
export function reportCatalogue(now: Date): ReportCatalogue {
  const year = Number(new Date(now.getTime() + 7 * 3_600_000 + 17 * 86_400_000).toISOString().slice(0, 4));
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
