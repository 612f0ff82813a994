import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, type AuthUser } from '@app/auth';
import { ApiZodBody, ApiZodQuery, idSchema, requestContext } from '@app/common';
import {
  listTicketsSchema,
  markTicketSchema,
  ticketReportSchema,
  updateTicketSchema,
  type ListTicketsQuery,
  type MarkTicketInput,
  type TicketReportQuery,
  type UpdateTicketInput,
} from './dto/ticket.dto.js';
import { ticketsCsv } from './ticket-csv.js';
import { TicketsService } from './tickets.service.js';

@ApiTags('tickets')
@Controller()
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Post('conversations/:id/ticket')
  @ApiZodBody(markTicketSchema)
  @ApiOperation({ summary: 'Mark a conversation as a ticket with a type, an optional due date and checklist; 409 when it already is one.' })
  mark(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Body({ schema: markTicketSchema }) body: MarkTicketInput) {
    return this.tickets.mark(user, id, body);
  }

  @Get('tickets')
  @ApiZodQuery(listTicketsSchema)
  @ApiOperation({ summary: 'Tickets of the inboxes you see, newest first: filter by type, status, overdue, assignee, inbox; search by contact or number; format=csv exports them all.' })
  async list(@CurrentUser() user: AuthUser, @Query({ schema: listTicketsSchema }) query: ListTicketsQuery, @Res({ passthrough: true }) res: Response) {
    if (query.format !== 'csv') return this.tickets.list(user, query);
    const { items, userNames } = await this.tickets.exportRows(user, query);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="tickets.csv"');
    return ticketsCsv(items, userNames, requestContext.locale());
  }

  @Get('tickets/report')
  @ApiZodQuery(ticketReportSchema)
  @ApiOperation({ summary: 'Per ticket type: opened and resolved in the period, open and overdue now, average and median resolution time, checklist completion.' })
  report(@CurrentUser() user: AuthUser, @Query({ schema: ticketReportSchema }) query: TicketReportQuery) {
    return this.tickets.report(user, query);
  }

  @Get('tickets/:id')
  @ApiOperation({ summary: 'One ticket with its conversation status, assignee, contact and checklist.' })
  get(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string) {
    return this.tickets.get(user, id);
  }

  @Patch('tickets/:id')
  @ApiZodBody(updateTicketSchema)
  @ApiOperation({ summary: 'Change the type or due date; replace the checklist, or add, tick/untick or remove one item.' })
  update(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Body({ schema: updateTicketSchema }) body: UpdateTicketInput) {
    return this.tickets.update(user, id, body);
  }

  @Delete('tickets/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the ticket mark; the conversation stays as it is.' })
  async unmark(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string): Promise<void> {
    await this.tickets.unmark(user, id);
  }
}
