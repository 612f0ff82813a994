import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error.js';
import type { Conversation } from '../api/types.js';
import { useApp } from '../app-context.js';
import { ConfirmDialog } from '../bots/confirm-dialog.js';
import { FieldError } from '../ui/bits.js';
import { Icon } from '../ui/icons.js';
import { useFormErrors } from '../ui/use-form-errors.js';
import { useWorkspace } from '../workspace.js';
import { fromLocalInput, toLocalInput } from './due-input.js';
import { ticketsApi, type TicketChange } from './tickets-api.js';
import { ticketOf, toSummary, TICKET_TYPES, type Ticket, type TicketSummary, type TicketType } from './types.js';

const FIELDS = ['type', 'dueAt', 'addItem'] as const;

interface Props {
  conversation: Conversation;
  onChange(c: Conversation): void;
}

/** The conversation's ticket in the side panel: mark it, change type and due date, keep its checklist, or remove the mark. */
export function TicketCard({ conversation, onChange }: Props) {
  const { t } = useApp();
  const ticket = ticketOf(conversation);
  const show = (next: TicketSummary | null) => onChange({ ...conversation, ticket: next } as Conversation);
  return (
    <section className="card tickets-card" aria-label={t('ui.tickets.card.title')} data-testid="ticket-card">
      <h3 className="card__label">{t('ui.tickets.card.title')}</h3>
      {ticket ? <TicketEditor ticket={ticket} onSaved={show} /> : <MarkForm conversationId={conversation.id} onMarked={show} />}
    </section>
  );
}

function MarkForm({ conversationId, onMarked }: { conversationId: string; onMarked(t: TicketSummary): void }) {
  const { t, notify } = useApp();
  const [type, setType] = useState<TicketType>('question');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear } = useFormErrors(FIELDS);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    clear();
    try {
      const ticket = await ticketsApi.mark(conversationId, { type, dueAt: fromLocalInput(due) });
      notify(t('ui.tickets.marked', { number: ticket.number }));
      onMarked(toSummary(ticket));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="tickets-card__form" onSubmit={(e) => void submit(e)}>
      <p className="muted">{t('ui.tickets.not_ticket')}</p>
      {errors.form ? <p className="notice notice--error">{errors.form}</p> : null}
      <label className="tickets-card__field">
        <span>{t('ui.tickets.type')}</span>
        <TypeSelect value={type} onChange={setType} />
        <FieldError message={errors.fields.type} />
      </label>
      <label className="tickets-card__field">
        <span>{t('ui.tickets.due')}</span>
        <input type="datetime-local" className="input input--compact" value={due} onChange={(e) => setDue(e.target.value)} />
        <FieldError message={errors.fields.dueAt} />
      </label>
      <button type="submit" className="btn btn--small btn--primary" disabled={busy}>
        {t('ui.tickets.mark')}
      </button>
    </form>
  );
}

function TicketEditor({ ticket, onSaved }: { ticket: TicketSummary; onSaved(t: TicketSummary | null): void }) {
  const { t, notify } = useApp();
  const { userName } = useWorkspace();
  const [busy, setBusy] = useState(false);
  const [newItem, setNewItem] = useState('');
  const [confirming, setConfirming] = useState(false);
  /** A ticked item shows its new state at once; the saved ticket (or a failure) replaces it. */
  const [ticking, setTicking] = useState<{ id: string; done: boolean } | null>(null);
  const { errors, fail, clear } = useFormErrors(FIELDS);

  async function toggle(id: string, done: boolean): Promise<void> {
    setTicking({ id, done });
    await save({ toggleItem: { id, done } });
    setTicking(null);
  }

  async function save(change: TicketChange, after?: () => void): Promise<Ticket | null> {
    setBusy(true);
    clear();
    try {
      const saved = await ticketsApi.update(ticket.id, change);
      onSaved(toSummary(saved));
      after?.();
      return saved;
    } catch (error) {
      fail(error);
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function unmark() {
    setBusy(true);
    try {
      await ticketsApi.unmark(ticket.id);
      notify(t('ui.tickets.unmarked'));
      setConfirming(false);
      onSaved(null);
    } catch (error) {
      notify(error instanceof ApiError ? error.message : String(error), 'error');
    } finally {
      setBusy(false);
    }
  }

  function add(e: FormEvent) {
    e.preventDefault();
    const text = newItem.trim();
    if (text) void save({ addItem: text }, () => setNewItem(''));
  }

  return (
    <div className="tickets-card__body">
      <div className="tickets-card__head">
        <strong className="tickets-card__number">{t('ui.tickets.number', { number: ticket.number })}</strong>
        <span className={`chip chip--${ticket.status}`}>{t(`ui.status.${ticket.status}`)}</span>
        {ticket.overdue ? <span className="chip chip--danger">{t('ui.tickets.overdue')}</span> : null}
      </div>
      {errors.form ? <p className="notice notice--error">{errors.form}</p> : null}
      <label className="tickets-card__field">
        <span>{t('ui.tickets.type')}</span>
        <TypeSelect value={ticket.type} disabled={busy} onChange={(type) => void save({ type })} />
        <FieldError message={errors.fields.type} />
      </label>
      <div className="tickets-card__field">
        <label htmlFor={`ticket-due-${ticket.id}`}>{t('ui.tickets.due')}</label>
        <div className="form__row">
          <input
            id={`ticket-due-${ticket.id}`}
            key={ticket.dueAt ?? 'none'}
            type="datetime-local"
            className="input input--compact"
            defaultValue={toLocalInput(ticket.dueAt)}
            disabled={busy}
            onBlur={(e) => {
              const next = fromLocalInput(e.target.value);
              if (next !== ticket.dueAt && (next !== null || e.target.value === '')) void save({ dueAt: next });
            }}
          />
          {ticket.dueAt ? (
            <button type="button" className="btn btn--ghost btn--icon" title={t('ui.tickets.clear_due')} aria-label={t('ui.tickets.clear_due')} disabled={busy} onClick={() => void save({ dueAt: null })}>
              <Icon name="close" size={14} />
            </button>
          ) : null}
        </div>
        <FieldError message={errors.fields.dueAt} />
      </div>
      <h4 className="card__label tickets-card__checklist-label">{t('ui.tickets.checklist')}</h4>
      {ticket.checklist.length === 0 ? <p className="muted">{t('ui.tickets.checklist_empty')}</p> : null}
      <ul className="tickets-checklist">
        {ticket.checklist.map((item) => (
          <li key={item.id} className={item.done ? 'is-done' : undefined}>
            <label title={item.done && item.doneBy ? userName(item.doneBy) : undefined}>
              <input type="checkbox" checked={ticking?.id === item.id ? ticking.done : item.done} disabled={busy} onChange={(e) => void toggle(item.id, e.target.checked)} />
              <span>{item.text}</span>
            </label>
            <button
              type="button"
              className="btn btn--ghost btn--icon tickets-checklist__remove"
              aria-label={t('ui.tickets.remove_item', { text: item.text })}
              title={t('ui.tickets.remove_item', { text: item.text })}
              disabled={busy}
              onClick={() => void save({ removeItemId: item.id })}
            >
              <Icon name="close" size={12} />
            </button>
          </li>
        ))}
      </ul>
      <form className="form__row tickets-card__add" onSubmit={add}>
        <input className="input input--compact" placeholder={t('ui.tickets.new_item')} aria-label={t('ui.tickets.new_item')} maxLength={500} value={newItem} onChange={(e) => setNewItem(e.target.value)} />
        <button type="submit" className="btn btn--small" disabled={busy || !newItem.trim()}>
          {t('ui.tickets.add_item')}
        </button>
      </form>
      <FieldError message={errors.fields.addItem} />
      <button type="button" className="btn btn--small btn--ghost tickets-card__unmark" disabled={busy} onClick={() => setConfirming(true)}>
        {t('ui.tickets.unmark')}
      </button>
      {confirming ? (
        <ConfirmDialog title={t('ui.tickets.unmark')} text={t('ui.tickets.unmark_confirm')} confirmLabel={t('ui.tickets.unmark')} busy={busy} onConfirm={() => void unmark()} onCancel={() => setConfirming(false)} />
      ) : null}
    </div>
  );
}

export function TypeSelect({ value, onChange, disabled, label }: { value: TicketType; onChange(type: TicketType): void; disabled?: boolean; label?: string }) {
  const { t } = useApp();
  return (
    <select className="input input--compact" aria-label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as TicketType)}>
      {TICKET_TYPES.map((type) => (
        <option key={type} value={type}>
          {t(`ticket.type.${type}`)}
        </option>
      ))}
    </select>
  );
}
