import { Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthUser } from '@app/auth';
import { ApiZodBody, ApiZodQuery, requestContext } from '@app/common';
import {
  breakdownQuerySchema,
  exportQuerySchema,
  reportFiltersSchema,
  reportInputsQuerySchema,
  reportInputsSchema,
  timeseriesQuerySchema,
  type BreakdownQuery,
  type ExportQuery,
  type ReportFiltersQuery,
  type ReportInputsBody,
  type TimeseriesQuery,
} from './dto/report-query.dto.js';
import { breakdownCsv, summaryCsv, timeseriesCsv } from './report-csv.js';
import { ReportsService } from './reports.service.js';

@ApiTags('reports')
@Roles('admin', 'supervisor')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('summary')
  @ApiZodQuery(reportFiltersSchema)
  @ApiOperation({ summary: 'The figures of a period: response and resolution times (avg, p50, p90), volumes, CSAT, NPS, SLA, and the CRM KPIs.' })
  summary(@Query({ schema: reportFiltersSchema }) query: ReportFiltersQuery) {
    return this.reports.summary(query);
  }

  @Get('timeseries')
  @ApiZodQuery(timeseriesQuerySchema)
  @ApiOperation({ summary: 'One metric per hour, day, week or month of the period, in the time zone; every bucket present.' })
  timeseries(@Query({ schema: timeseriesQuerySchema }) query: TimeseriesQuery) {
    return this.reports.timeseries(query);
  }

  @Get('breakdown')
  @ApiZodQuery(breakdownQuerySchema)
  @ApiOperation({ summary: 'The period sliced by agent, team, inbox, channel or label.' })
  breakdown(@Query({ schema: breakdownQuerySchema }) query: BreakdownQuery) {
    return this.reports.breakdown(query);
  }

  @Get('export')
  @ApiZodQuery(exportQuerySchema)
  @ApiOperation({ summary: 'A report as CSV (UTF-8 with BOM, for Excel).' })
  async export(@Query({ schema: exportQuerySchema }) query: ExportQuery, @Res() res: Response) {
    const locale = requestContext.locale();
    let body: string;
    if (query.report === 'summary') body = summaryCsv(await this.reports.summary(query), locale);
    else if (query.report === 'breakdown') body = breakdownCsv(await this.reports.breakdown(query), locale);
    else body = timeseriesCsv(await this.reports.timeseries({ ...query, metric: query.metric ?? 'conversationsOpened' }), locale);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="report-${query.report}-${query.from.slice(0, 10)}.csv"`);
    res.send(body);
  }

  @Get('inputs')
  @ApiZodQuery(reportInputsQuerySchema)
  @ApiOperation({ summary: "A month's entered figures: marketing and sales spend (for CAC), CRM cost and baseline revenue (for ROI)." })
  inputs(@Query({ schema: reportInputsQuerySchema }) query: { month: string }) {
    return this.reports.getInputs(query.month);
  }

  @Put('inputs')
  @ApiZodBody(reportInputsSchema)
  @ApiOperation({ summary: "Enter a month's spend, CRM cost and baseline revenue; omitted fields keep their values." })
  saveInputs(@Body({ schema: reportInputsSchema }) body: ReportInputsBody, @CurrentUser() user: AuthUser) {
    const { month, ...values } = body;
    return this.reports.saveInputs(month, values, user.kind === 'user' ? user.id : null);
  }
}
