import { Injectable, Logger } from '@nestjs/common';
import { ConversationAutomationService } from '@app/inbox';
import { RealtimeService } from '@app/realtime';
import { TicketsClock } from '../tickets.clock.js';
import { TicketsRepository } from '../tickets.repository.js';
import { isOverdue, toTicketSummary } from '../ticket-view.js';
import { TIMER_HORIZON_MS, TicketTimers, type TicketDueJobData } from './ticket-timers.js';

/** Tells a ticket's assignee (or, with nobody assigned, its inbox) once its due date passes with the ticket open. */
@Injectable()
export class TicketAlertsService {
  private readonly logger = new Logger('TicketAlerts');

  constructor(
    private readonly tickets: TicketsRepository,
    private readonly timers: TicketTimers,
    private readonly realtime: RealtimeService,
    private readonly automation: ConversationAutomationService,
    private readonly clock: TicketsClock,
  ) {}

  /** Answers whether an alert went out. */
  async fire(data: TicketDueJobData): Promise<boolean> {
    const record = await this.tickets.findById(data.ticketId);
    const dueAt = new Date(data.dueAt);
    if (!record || record.ticket.dueAt?.getTime() !== dueAt.getTime()) return false;
    const now = this.clock.now();
    // A job that ran early (clocks apart) is armed again by the next sweep.
    if (!isOverdue(record.ticket.dueAt, record.status, now)) return false;
    if (!(await this.tickets.claimOverdueAlert(record.ticket.id, dueAt))) return false;
    const payload = {
      ticketId: record.ticket.id,
      number: record.ticket.number,
      conversationId: record.ticket.conversationId,
      inboxId: record.inboxId,
      type: record.ticket.type,
      dueAt: dueAt.toISOString(),
      assigneeId: record.assigneeId,
      contactName: record.contactName,
    };
    const scope = { inboxId: record.inboxId, conversationId: record.ticket.conversationId };
    if (record.assigneeId) this.realtime.emitToUser('ticket.overdue', payload, record.assigneeId, scope);
    else this.realtime.emitMomentary('ticket.overdue', payload, { inboxId: record.inboxId });
    // Open lists turn the ticket's badge red without reloading.
    await this.automation.annotate(record.ticket.conversationId, async () => ({ result: true, notes: [], view: { ticket: toTicketSummary(record.ticket, record.status, now) } }));
    return true;
  }

  /**
   * Arms the timers of open tickets due within the horizon and not alerted yet: at start-up (the in-process
   * queue forgets its timers on restart) and every minute (due dates come into the horizon). A due date
   * passed meanwhile fires at once; a timer already waiting is not added twice.
   */
  async sweep(): Promise<number> {
    const waiting = await this.tickets.awaitingAlert(new Date(this.clock.now().getTime() + TIMER_HORIZON_MS));
    for (const ticket of waiting) {
      try {
        await this.timers.arm(ticket.id, ticket.dueAt);
      } catch (error) {
        this.logger.warn(`Could not arm the due timer of ticket ${ticket.id}: ${(error as Error).message}`);
      }
    }
    return waiting.length;
  }
}
