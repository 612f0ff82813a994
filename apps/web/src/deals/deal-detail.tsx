import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { ApiError } from '../api/api-error.js';
import type { Conversation, Deal, Page } from '../api/types.js';
import { useApp } from '../app-context.js';
import { ActivityList } from '../crm/activity-list.js';
import { DealDocuments } from '../documents/deal-documents.js';
import { formatAmount } from '../format.js';
import { ConversationLinks } from '../inbox/side-panel.js';
import { FieldError, Spinner } from '../ui/bits.js';
import { Icon } from '../ui/icons.js';
import { useFormErrors } from '../ui/use-form-errors.js';
import { useWorkspace } from '../workspace.js';

const FIELDS = ['title', 'amount', 'currency'] as const;

/** A deal in a side sheet over the board: its stage, amount, conversations and activities. */
export function DealDetail({ dealId, onClose, onChanged }: { dealId: string; onClose(): void; onChanged(deal: Deal): void }) {
  const { t, locale, navigate, notify } = useApp();
  const { pipelines, inboxById } = useWorkspace();
  const [deal, setDeal] = useState<Deal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [editing, setEditing] = useState(false);
  // Bumped when a document is made or sent, so the timeline shows its new entry.
  const [timelineVersion, setTimelineVersion] = useState(0);
  const [draft, setDraft] = useState({ title: '', amount: '', currency: 'RUB' });
  const { errors, fail, clear } = useFormErrors(FIELDS);
  const closeRef = useRef<HTMLButtonElement>(null);

  const load = useCallback(() => {
    api
      .get<Deal>(`/deals/${dealId}`)
      .then(setDeal)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
    api
      .get<Page<Conversation>>('/conversations', { dealId, status: 'all', limit: 50 })
      .then((page) => setConversations(page.items))
      .catch(() => setConversations([]));
  }, [dealId]);
  useEffect(load, [load]);
  useEffect(() => closeRef.current?.focus(), []);

  const pipeline = pipelines.find((p) => p.id === deal?.pipelineId);

  async function moveTo(stageId: string) {
    try {
      const updated = await api.post<Deal>(`/deals/${dealId}/stage`, { stageId });
      setDeal((d) => (d ? { ...d, ...updated } : d));
      onChanged(updated);
      load();
    } catch (caught) {
      notify(caught instanceof Error ? caught.message : String(caught), 'error');
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      const updated = await api.patch<Deal>(`/deals/${dealId}`, { title: draft.title, currency: draft.currency, ...(draft.amount.trim() ? { amount: draft.amount.replace(/\s/g, '').replace(',', '.') } : {}) });
      setDeal((d) => (d ? { ...d, ...updated } : d));
      onChanged(updated);
      setEditing(false);
    } catch (caught) {
      fail(caught);
    }
  }

  return (
    <div className="sheet-backdrop" onClick={onClose} role="presentation">
      <aside className="sheet" role="dialog" aria-modal="true" aria-label={deal?.title ?? t('ui.deal.title')} onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <header className="sheet__head">
          <h2>{deal?.title ?? t('ui.deal.title')}</h2>
          <button ref={closeRef} type="button" className="btn btn--ghost btn--icon" onClick={onClose} aria-label={t('ui.action.close')}>
            <Icon name="close" />
          </button>
        </header>
        {error ? <p className="notice notice--error">{error}</p> : null}
        {!deal && !error ? <Spinner label={t('ui.loading')} /> : null}
        {deal ? (
          <div className="sheet__body">
            {editing ? (
              <form className="form" onSubmit={save} noValidate>
                {errors.form ? <p className="notice notice--error">{errors.form}</p> : null}
                <label className="field">
                  <span>{t('ui.deal.name')}</span>
                  <input className="input" value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} aria-invalid={Boolean(errors.fields.title)} />
                  <FieldError message={errors.fields.title} />
                </label>
                <div className="form__row">
                  <label className="field">
                    <span>{t('ui.deal.amount')}</span>
                    <input className="input" inputMode="decimal" value={draft.amount} onChange={(e) => setDraft({ ...draft, amount: e.target.value })} aria-invalid={Boolean(errors.fields.amount)} />
                    <FieldError message={errors.fields.amount} />
                  </label>
                  <label className="field field--narrow">
                    <span>{t('ui.deal.currency')}</span>
                    <input className="input" value={draft.currency} maxLength={3} onChange={(e) => setDraft({ ...draft, currency: e.target.value.toUpperCase() })} aria-invalid={Boolean(errors.fields.currency)} />
                    <FieldError message={errors.fields.currency} />
                  </label>
                </div>
                <div className="form__actions">
                  <button type="button" className="btn" onClick={() => setEditing(false)}>
                    {t('ui.action.cancel')}
                  </button>
                  <button type="submit" className="btn btn--primary">
                    {t('ui.action.save')}
                  </button>
                </div>
              </form>
            ) : (
              <dl className="props">
                <dt>{t('ui.deal.amount')}</dt>
                <dd className="big">{formatAmount(deal.amount, deal.currency, locale)}</dd>
                <dt>{t('ui.deal.stage')}</dt>
                <dd>
                  <select className="input input--compact" aria-label={t('ui.deal.stage')} value={deal.stageId} onChange={(e) => void moveTo(e.target.value)}>
                    {pipeline?.stages.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                </dd>
                <dt>{t('ui.deal.contact')}</dt>
                <dd>
                  {deal.contact ? (
                    <a
                      href={`/contacts/${deal.contact.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate({ page: 'contacts', contactId: deal.contact!.id });
                      }}
                    >
                      {deal.contact.name}
                    </a>
                  ) : (
                    '—'
                  )}
                </dd>
                <dt>{t('ui.deal.company')}</dt>
                <dd>{deal.company?.name ?? '—'}</dd>
                <dd className="props__actions">
                  <button
                    type="button"
                    className="btn btn--small"
                    onClick={() => {
                      setDraft({ title: deal.title, amount: deal.amount ?? '', currency: deal.currency });
                      clear();
                      setEditing(true);
                    }}
                  >
                    {t('ui.action.edit')}
                  </button>
                </dd>
              </dl>
            )}
            <section className="card">
              <h3 className="card__label">{t('ui.deal.conversations')}</h3>
              {conversations === null ? null : conversations.length === 0 ? (
                <p className="muted">{t('ui.deal.no_conversations')}</p>
              ) : (
                <ConversationLinks items={conversations} locale={locale} inboxById={inboxById} t={t} onOpen={(id) => navigate({ page: 'inbox', conversationId: id, panel: false })} />
              )}
            </section>
            <DealDocuments dealId={dealId} conversations={conversations ?? []} onChanged={() => setTimelineVersion((v) => v + 1)} />
            <section className="card">
              <h3 className="card__label">{t('ui.panel.activities')}</h3>
              <ActivityList key={timelineVersion} filter={{ dealId }} attach={{ dealId, contactId: deal.contactId }} />
            </section>
          </div>
        ) : null}
      </aside>
    </div>
  );
}
