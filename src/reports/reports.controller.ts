import { Body, Controller, Get, HttpCode, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PERIOD_FORMAT, PERIOD_ID, ReportLevel } from '../../workflows/reporting-periods';
import { Actor, CurrentActor } from '../common/actor.decorator';
import { PatternParam } from '../common/validation';
import { PROVINCE_CODE, UNIT_CODE } from '../gazetteer/dto/gazetteer.dto';
import { ReportCatalogue } from './report-catalogue';
import { ConsolidationDto, LateReportDto, ManualValueDto, ReportDto, ReportFormatQuery, SubmitReportDto } from './dto/report.dto';
import { ReportsService } from './reports.service';

const UNIT_PATH = ':level/:code/:period';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Every indicator (its label, plan clause, breakdowns and target), the plans' due dates and recent periods. */
  @Get('catalogue')
  catalogue(): ReportCatalogue {
    return this.reports.catalogue();
  }

  /** Reports past their due date and not submitted that your agency owes, or (as the level above) waits for. */
  @Get('late')
  late(@CurrentActor() actor: Actor): Promise<LateReportDto[]> {
    return this.reports.late(actor);
  }

  /** A unit's report for a period: the frozen one once submitted, else a draft computed from its cases now. */
  @Get(UNIT_PATH)
  get(@LevelParam() level: ReportLevel, @CodeParam() code: string, @PeriodParam() period: string, @CurrentActor() actor: Actor): Promise<ReportDto> {
    return this.reports.get(level, code, period, actor);
  }

  /** The report as a workbook (one sheet per indicator, Vietnamese headers) or as CSV. */
  @Get(`${UNIT_PATH}/file`)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOkResponse({
    description: 'the workbook (XLSX) or CSV with a UTF-8 byte-order mark',
    content: {
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
      'text/csv': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async file(@LevelParam() level: ReportLevel, @CodeParam() code: string, @PeriodParam() period: string, @Query() query: ReportFormatQuery, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const file = await this.reports.file(level, code, period, query.format ?? 'xlsx', actor);
    return new StreamableFile(file.body, { type: file.type, disposition: `attachment; filename="${file.name}"`, length: file.body.length });
  }

  /** Enters (or corrects) a figure the cases cannot give, while the report is a draft. */
  @Put(`${UNIT_PATH}/manual/:indicatorId`)
  setManualValue(
    @LevelParam() level: ReportLevel,
    @CodeParam() code: string,
    @PeriodParam() period: string,
    @PatternParam('indicatorId', /^[a-z0-9_]{1,48}$/, { vi: 'Mã chỉ tiêu không hợp lệ', en: 'Not an indicator id' }, 'lower-case letters, digits and _') indicatorId: string,
    @Body() dto: ManualValueDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReportDto> {
    return this.reports.setManualValue(level, code, period, indicatorId, dto.value, actor);
  }

  /** Freezes the report and sends it up: its figures and workbook are stored and hashed into the audit chain. */
  @Post(`${UNIT_PATH}/submit`)
  submit(@LevelParam() level: ReportLevel, @CodeParam() code: string, @PeriodParam() period: string, @Body() dto: SubmitReportDto, @CurrentActor() actor: Actor): Promise<ReportDto> {
    return this.reports.submit(level, code, period, dto, actor);
  }

  /** The level above acknowledges a submitted report. */
  @Post(`${UNIT_PATH}/receive`)
  @HttpCode(200)
  receive(@LevelParam() level: ReportLevel, @CodeParam() code: string, @PeriodParam() period: string, @CurrentActor() actor: Actor): Promise<ReportDto> {
    return this.reports.receive(level, code, period, actor);
  }

  /** Which of a province's communes have reported for the period, which are late, and the sum of what they sent. */
  @Get('province/:code/:period/communes')
  consolidation(
    @PatternParam('code', PROVINCE_CODE, { vi: 'Mã tỉnh gồm hai chữ số', en: 'A province code is two digits' }, 'two digits') code: string,
    @PeriodParam() period: string,
    @CurrentActor() actor: Actor,
  ): Promise<ConsolidationDto> {
    return this.reports.consolidation(code, period, actor);
  }
}

function LevelParam(): ParameterDecorator {
  return PatternParam('level', /^(commune|province)$/, { vi: 'Cấp báo cáo là commune (xã) hoặc province (tỉnh)', en: 'The level is commune or province' }, 'commune or province');
}

function CodeParam(): ParameterDecorator {
  return PatternParam('code', UNIT_CODE, { vi: 'Mã đơn vị hành chính gồm 2 (tỉnh) hoặc 5 (xã) chữ số', en: 'A unit code has 2 (province) or 5 (commune) digits' }, '2 or 5 digits');
}

function PeriodParam(): ParameterDecorator {
  return PatternParam('period', PERIOD_ID, PERIOD_FORMAT, 'YYYY-H1 or YYYY-Y');
}
