import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { ApiError } from '../api/api-error.js';
import type { Conversation, Deal, Page } from '../api/types.js';
import { useApp } from '../app-context.js';
import { formatAmount } from '../format.js';
import { FieldError } from '../ui/bits.js';
import { useFormErrors } from '../ui/use-form-errors.js';
import { useWorkspace } from '../workspace.js';

const FIELDS = ['title', 'amount', 'stageId'] as const;

/** The deal a conversation is about: shown with its stage and amount, or created / linked from here. */
export function DealBox({ conversation: c, onChange }: { conversation: Conversation; onChange(c: Conversation): void }) {
  const { t, locale, navigate, notify } = useApp();
  const { pipelines } = useWorkspace();
  const [deal, setDeal] = useState<Deal | null>(null);
  const [candidates, setCandidates] = useState<Deal[]>([]);
  const [creating, setCreating] = useState(false);
  const [title, setTitle] = useState('');
  const [amount, setAmount] = useState('');
  const [stageId, setStageId] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear } = useFormErrors(FIELDS);
  const pipeline = pipelines.find((p) => p.isDefault) ?? pipelines[0];

  useEffect(() => {
    setDeal(null);
    if (c.dealId) {
      api
        .get<Deal>(`/deals/${c.dealId}`)
        .then(setDeal)
        .catch(() => setDeal(null));
    } else {
      api
        .get<Page<Deal>>('/deals', { contactId: c.contactId, status: 'open', limit: 20 })
        .then((page) => setCandidates(page.items))
        .catch(() => setCandidates([]));
    }
  }, [c.dealId, c.contactId]);

  async function link(dealId: string | null) {
    setBusy(true);
    try {
      onChange(await api.post<Conversation>(`/conversations/${c.id}/deal`, { dealId }));
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), 'error');
    } finally {
      setBusy(false);
    }
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    clear();
    try {
      const created = await api.post<Deal>('/deals', {
        title,
        ...(amount.trim() ? { amount: amount.replace(/\s/g, '').replace(',', '.') } : {}),
        contactId: c.contactId,
        sourceInboxId: c.inboxId,
        ...(pipeline ? { pipelineId: pipeline.id } : {}),
        ...(stageId ? { stageId } : {}),
      });
      setCreating(false);
      onChange(await api.post<Conversation>(`/conversations/${c.id}/deal`, { dealId: created.id }));
    } catch (error) {
      if (error instanceof ApiError || error instanceof Error) fail(error);
    } finally {
      setBusy(false);
    }
  }

  if (c.dealId && deal) {
    return (
      <div className="deal-box">
        <a
          className="deal-box__title"
          href={`/deals/${deal.id}`}
          onClick={(e) => {
            e.preventDefault();
            navigate({ page: 'deals', dealId: deal.id });
          }}
        >
          {deal.title}
        </a>
        <div className="deal-box__meta">
          <span className={`chip chip--stage-${deal.stage?.kind ?? 'open'}`}>{deal.stage?.name}</span>
          <strong>{formatAmount(deal.amount, deal.currency, locale)}</strong>
        </div>
        <button type="button" className="btn btn--small btn--ghost" onClick={() => void link(null)} disabled={busy}>
          {t('ui.deal.unlink')}
        </button>
      </div>
    );
  }
  if (c.dealId) return <p className="muted">{t('ui.loading')}</p>;

  if (creating) {
    return (
      <form className="form" onSubmit={create} noValidate aria-label={t('ui.deal.create')}>
        {errors.form ? (
          <p className="notice notice--error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <label className="field">
          <span>{t('ui.deal.name')}</span>
          <input className="input" value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={Boolean(errors.fields.title)} autoFocus />
          <FieldError message={errors.fields.title} />
        </label>
        <label className="field">
          <span>{t('ui.deal.amount')}</span>
          <input className="input" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={Boolean(errors.fields.amount)} />
          <FieldError message={errors.fields.amount} />
        </label>
        {pipeline ? (
          <label className="field">
            <span>{t('ui.deal.stage')}</span>
            <select className="input" value={stageId} onChange={(e) => setStageId(e.target.value)}>
              {pipeline.stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <FieldError message={errors.fields.stageId} />
          </label>
        ) : null}
        <div className="form__actions">
          <button type="button" className="btn" onClick={() => setCreating(false)}>
            {t('ui.action.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {t('ui.deal.create')}
          </button>
        </div>
      </form>
    );
  }

  return (
    <div className="deal-box deal-box--empty">
      <p className="muted">{t('ui.deal.none')}</p>
      <button
        type="button"
        className="btn btn--small btn--primary"
        onClick={() => {
          setTitle(t('ui.deal.default_title', { name: c.contact?.name ?? '' }));
          setStageId(pipeline?.stages[0]?.id ?? '');
          clear();
          setCreating(true);
        }}
      >
        + {t('ui.deal.create')}
      </button>
      {candidates.length ? (
        <select className="input input--compact" aria-label={t('ui.deal.link_existing')} value="" onChange={(e) => e.target.value && void link(e.target.value)} disabled={busy}>
          <option value="">{t('ui.deal.link_existing')}</option>
          {candidates.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title} · {formatAmount(d.amount, d.currency, locale)}
            </option>
          ))}
        </select>
      ) : null}
    </div>
  );
}
