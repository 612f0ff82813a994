import { Injectable, Logger } from '@nestjs/common';
import { InboxAccessService, type AuthUser } from '@app/auth';
import { DomainException, ErrorCode, foldForSearch, notFound, requestContext } from '@app/common';
import type { Conversation, TicketChecklistItem, TicketRow } from '@app/db';
import { t } from '@app/i18n';
import { ConversationAutomationService, type ThreadNote } from '@app/inbox';
import { addItem, removeItem, replaceChecklist, toggleItem, type ChecklistActor } from './checklist.js';
import type { ListTicketsQuery, MarkTicketInput, TicketReportQuery, UpdateTicketInput } from './dto/ticket.dto.js';
import { MAX_CHECKLIST_ITEMS } from './dto/ticket.dto.js';
import { TicketTimers } from './overdue/ticket-timers.js';
import { buildTicketReport, type TicketReport } from './ticket-report.js';
import { resolveTicketReportPeriod } from './ticket-report-period.js';
import { toTicketSummary, toTicketView, type TicketStatus, type TicketView } from './ticket-view.js';
import { TicketsClock } from './tickets.clock.js';
import { TicketsRepository, type TicketListFilter, type TicketRecord } from './tickets.repository.js';

const MAX_EXPORT_ROWS = 10_000;

const typeKey = (type: TicketRow['type']) => `ticket.type.${type}`;

@Injectable()
export class TicketsService {
  private readonly logger = new Logger('Tickets');

  constructor(
    private readonly tickets: TicketsRepository,
    private readonly access: InboxAccessService,
    private readonly automation: ConversationAutomationService,
    private readonly timers: TicketTimers,
    private readonly clock: TicketsClock,
  ) {}

  async mark(user: AuthUser, conversationId: string, input: MarkTicketInput): Promise<TicketView> {
    await this.requireConversation(user, conversationId);
    const now = this.clock.now();
    const actor = this.actorOf(user, now);
    const dueAt = input.dueAt ? new Date(input.dueAt) : null;
    const ticketId = await this.automation.annotate(conversationId, async (tx, conversation) => {
      const existing = await this.tickets.findByConversation(conversationId, tx);
      if (existing) throw new DomainException(ErrorCode.TicketExists, { params: { number: existing.ticket.number }, details: { ticketId: existing.ticket.id } });
      const row = await this.tickets.insert(tx, {
        conversationId,
        type: input.type,
        dueAt,
        checklist: replaceChecklist([], input.checklist, actor),
        createdBy: user.kind === 'user' ? user.id : null,
        closedAt: conversation.status === 'resolved' ? (conversation.resolvedAt ?? now) : null,
      });
      const notes: ThreadNote[] = [
        { key: 'system.ticket.marked', params: { actor: user.name, number: row.number, type: typeKey(row.type) }, attributes: { event: 'ticket_marked', ticketId: row.id } },
      ];
      if (dueAt) notes.push(this.dueNote(user, row, dueAt));
      return { result: row.id, notes, view: { ticket: toTicketSummary(row, conversation.status, now) } };
    });
    if (!ticketId) throw notFound('entity.conversation', conversationId);
    if (dueAt) await this.armQuietly(ticketId, dueAt);
    return this.view(await this.requireRecord(ticketId));
  }

  async get(user: AuthUser, id: string): Promise<TicketView> {
    return this.view(await this.requireVisible(user, id));
  }

  async update(user: AuthUser, id: string, input: UpdateTicketInput): Promise<TicketView> {
    const record = await this.requireVisible(user, id);
    const now = this.clock.now();
    const actor = this.actorOf(user, now);
    const done = await this.automation.annotate(record.ticket.conversationId, async (tx, conversation) => {
      const current = await this.tickets.findByConversation(conversation.id, tx);
      if (!current || current.ticket.id !== id) throw notFound('entity.ticket', id);
      const ticket = current.ticket;
      const values: Partial<TicketRow> = {};
      const notes: ThreadNote[] = [];
      if (input.type !== undefined && input.type !== ticket.type) {
        values.type = input.type;
        notes.push({ key: 'system.ticket.type_changed', params: { actor: user.name, type: typeKey(input.type) }, attributes: { event: 'ticket_type_changed', ticketId: id, type: input.type } });
      }
      if (input.dueAt !== undefined) {
        const dueAt = input.dueAt === null ? null : new Date(input.dueAt);
        if (dueAt?.getTime() !== ticket.dueAt?.getTime()) {
          values.dueAt = dueAt;
          notes.push(this.dueNote(user, ticket, dueAt));
        }
      }
      const checklist = this.editChecklist(ticket.checklist, input, actor);
      if (checklist) values.checklist = checklist;
      const updated = Object.keys(values).length ? await this.tickets.update(tx, id, values) : ticket;
      return { result: { movedDue: values.dueAt }, notes, view: { ticket: toTicketSummary(updated, conversation.status, now) } };
    });
    if (!done) throw notFound('entity.ticket', id);
    if (done.movedDue) await this.armQuietly(id, done.movedDue);
    return this.view(await this.requireRecord(id));
  }

  /** The conversation stays; only the ticket mark, its number, due date and checklist go. */
  async unmark(user: AuthUser, id: string): Promise<void> {
    const record = await this.requireVisible(user, id);
    await this.automation.annotate(record.ticket.conversationId, async (tx) => {
      const current = await this.tickets.findByConversation(record.ticket.conversationId, tx);
      if (!current || current.ticket.id !== id) throw notFound('entity.ticket', id);
      await this.tickets.delete(tx, id);
      const note: ThreadNote = { key: 'system.ticket.unmarked', params: { actor: user.name }, attributes: { event: 'ticket_unmarked', ticketId: id, number: current.ticket.number } };
      return { result: true, notes: [note], view: { ticket: null } };
    });
  }

  async list(user: AuthUser, query: ListTicketsQuery): Promise<{ items: TicketView[]; nextCursor: string | null }> {
    const filter = await this.filterOf(user, query);
    const rows = await this.tickets.list(filter, query.cursor, query.limit + 1);
    const page = rows.slice(0, query.limit);
    return { items: page.map((r) => this.view(r, filter.now)), nextCursor: rows.length > query.limit ? page[page.length - 1].ticket.id : null };
  }

  /** Every ticket the filters match (up to a limit), newest first, for the CSV export. */
  async exportRows(user: AuthUser, query: ListTicketsQuery): Promise<{ items: TicketView[]; userNames: Map<string, string> }> {
    const filter = await this.filterOf(user, query);
    const items: TicketView[] = [];
    let cursor: string | undefined;
    for (;;) {
      const rows = await this.tickets.list(filter, cursor, 500);
      items.push(...rows.map((r) => this.view(r, filter.now)));
      if (rows.length < 500 || items.length >= MAX_EXPORT_ROWS) break;
      cursor = rows[rows.length - 1].ticket.id;
    }
    const exported = items.slice(0, MAX_EXPORT_ROWS);
    return { items: exported, userNames: await this.tickets.userNames(exported.flatMap((i) => (i.assigneeId ? [i.assigneeId] : []))) };
  }

  async report(user: AuthUser, query: TicketReportQuery): Promise<TicketReport> {
    const period = resolveTicketReportPeriod(query);
    const rows = await this.tickets.reportRows(await this.access.visibleInboxIds(user), period.from, period.to);
    return buildTicketReport(rows, period, this.clock.now());
  }

  /** The `ticket` field of conversation views: one query for a page. */
  async summaries(conversationIds: string[]): Promise<Map<string, unknown>> {
    const now = this.clock.now();
    const records = await this.tickets.ofConversations(conversationIds);
    return new Map(records.map((r) => [r.ticket.conversationId, toTicketSummary(r.ticket, r.status, now)]));
  }

  /** closed_at follows the conversation's resolution; a reopened ticket with a passed due date is alerted again. */
  async conversationStatusChanged(conversation: Conversation, previousStatus: Conversation['status']): Promise<void> {
    if (conversation.status === 'resolved' && previousStatus !== 'resolved') {
      await this.tickets.setClosedAt(conversation.id, conversation.resolvedAt ?? this.clock.now());
    } else if (conversation.status !== 'resolved' && previousStatus === 'resolved') {
      await this.tickets.setClosedAt(conversation.id, null);
      const record = await this.tickets.findByConversation(conversation.id);
      if (record?.ticket.dueAt) await this.armQuietly(record.ticket.id, record.ticket.dueAt);
    }
  }

  private editChecklist(current: TicketChecklistItem[], input: UpdateTicketInput, actor: ChecklistActor): TicketChecklistItem[] | undefined {
    let list: TicketChecklistItem[] | undefined;
    if (input.checklist) list = replaceChecklist(current, input.checklist, actor);
    if (input.addItem !== undefined) {
      if ((list ?? current).length >= MAX_CHECKLIST_ITEMS) throw checklistFull();
      list = addItem(list ?? current, input.addItem);
    }
    if (input.toggleItem) {
      list = toggleItem(list ?? current, input.toggleItem.id, input.toggleItem.done, actor);
      if (!list) throw notFound('entity.checklist_item', input.toggleItem.id);
    }
    if (input.removeItemId) {
      list = removeItem(list ?? current, input.removeItemId);
      if (!list) throw notFound('entity.checklist_item', input.removeItemId);
    }
    return list;
  }

  private dueNote(user: AuthUser, ticket: TicketRow, dueAt: Date | null): ThreadNote {
    return dueAt
      ? { key: 'system.ticket.due_set', params: { actor: user.name, until: dueAt.toISOString() }, attributes: { event: 'ticket_due_changed', ticketId: ticket.id, dueAt: dueAt.toISOString() } }
      : { key: 'system.ticket.due_cleared', params: { actor: user.name }, attributes: { event: 'ticket_due_changed', ticketId: ticket.id, dueAt: null } };
  }

  private async filterOf(user: AuthUser, query: ListTicketsQuery): Promise<TicketListFilter> {
    if (query.inboxId && !(await this.access.canAccess(user, query.inboxId))) throw new DomainException(ErrorCode.InboxForbidden, { details: { inboxId: query.inboxId } });
    const q = query.q?.trim();
    const digits = q?.replace(/^#/, '');
    return {
      visibleInboxIds: await this.access.visibleInboxIds(user),
      type: query.type,
      status: query.status === 'all' ? undefined : (query.status as TicketStatus | undefined),
      overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      assigneeId: query.assigneeId === undefined ? undefined : query.assigneeId === 'none' ? null : query.assigneeId === 'me' ? user.id : query.assigneeId,
      inboxId: query.inboxId,
      q: q ? foldForSearch(q) : undefined,
      number: digits && /^\d{1,9}$/.test(digits) ? Number(digits) : undefined,
      now: this.clock.now(),
    };
  }

  private actorOf(user: AuthUser, at: Date): ChecklistActor {
    return { id: user.kind === 'user' ? user.id : null, at };
  }

  private view(record: TicketRecord, now = this.clock.now()): TicketView {
    return toTicketView(record, now);
  }

  private async armQuietly(ticketId: string, dueAt: Date): Promise<void> {
    // The change is committed; a queue hiccup must not turn it into an error (the start-up re-arm catches up).
    await this.timers.arm(ticketId, dueAt).catch((error: Error) => this.logger.warn(`Could not arm the due timer of ticket ${ticketId}: ${error.message}`));
  }

  private async requireConversation(user: AuthUser, conversationId: string): Promise<Conversation> {
    const conversation = await this.automation.find(conversationId);
    if (!conversation) throw notFound('entity.conversation', conversationId);
    await this.access.assertVisible(user, conversation.inboxId, 'entity.conversation', conversationId);
    return conversation;
  }

  private async requireRecord(id: string): Promise<TicketRecord> {
    const record = await this.tickets.findById(id);
    if (!record) throw notFound('entity.ticket', id);
    return record;
  }

  /** 404 for an unknown id and for a ticket of an inbox the agent is not a member of alike. */
  private async requireVisible(user: AuthUser, id: string): Promise<TicketRecord> {
    const record = await this.requireRecord(id);
    await this.access.assertVisible(user, record.inboxId, 'entity.ticket', id);
    return record;
  }
}

function checklistFull(): DomainException {
  const message = t('ui.tickets.checklist_full', { max: MAX_CHECKLIST_ITEMS }, requestContext.locale());
  return new DomainException(ErrorCode.ValidationFailed, { errors: [{ field: 'addItem', message }] });
}
