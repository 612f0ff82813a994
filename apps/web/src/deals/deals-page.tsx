import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import { api } from '../api/client.js';
import { ApiError } from '../api/api-error.js';
import type { Deal, Page, Stage } from '../api/types.js';
import { useApp } from '../app-context.js';
import { formatAmount, formatMoney } from '../format.js';
import { Empty, Spinner } from '../ui/bits.js';
import { useWorkspace } from '../workspace.js';
import { buildColumns, moveDeal } from './board-state.js';
import { DealDetail } from './deal-detail.js';

const PIPELINE_KEY = 'omnibox.deals.pipeline';

export function DealsPage({ dealId }: { dealId: string | null }) {
  const { t, locale, navigate, notify } = useApp();
  const { pipelines } = useWorkspace();
  const [pipelineId, setPipelineId] = useState(() => localStorage.getItem(PIPELINE_KEY) ?? '');
  const [deals, setDeals] = useState<Deal[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const pipeline = pipelines.find((p) => p.id === pipelineId) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0];

  const load = useCallback(async () => {
    if (!pipeline) return;
    try {
      const all: Deal[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 10; i++) {
        const page: Page<Deal> = await api.get<Page<Deal>>('/deals', { pipelineId: pipeline.id, limit: 100, cursor });
        all.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      setDeals(all);
      setError(null);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    }
  }, [pipeline]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns = useMemo(() => (pipeline && deals ? buildColumns(pipeline.stages, deals) : []), [pipeline, deals]);

  async function move(id: string, stage: Stage) {
    const before = deals;
    const deal = deals?.find((d) => d.id === id);
    if (!deal || deal.stageId === stage.id) return;
    setDeals((list) => (list ? moveDeal(list, id, stage) : list));
    try {
      const updated = await api.post<Deal>(`/deals/${id}/stage`, { stageId: stage.id });
      setDeals((list) => list?.map((d) => (d.id === id ? { ...d, ...updated } : d)) ?? list);
    } catch (caught) {
      setDeals(before);
      notify(caught instanceof Error ? caught.message : String(caught), 'error');
    }
  }

  const onDrop = (event: DragEvent, stage: Stage) => {
    event.preventDefault();
    const id = event.dataTransfer.getData('text/plain') || dragging;
    setOver(null);
    setDragging(null);
    if (id) void move(id, stage);
  };

  if (!pipelines.length) return <Spinner label={t('ui.loading')} />;

  return (
    <div className="board-page">
      <header className="page-head">
        <h1>{t('ui.nav.deals')}</h1>
        <select
          className="input input--compact"
          aria-label={t('ui.deal.pipeline')}
          value={pipeline?.id ?? ''}
          onChange={(e) => {
            setPipelineId(e.target.value);
            localStorage.setItem(PIPELINE_KEY, e.target.value);
            setDeals(null);
          }}
        >
          {pipelines.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <span className="muted hide-narrow">{t('ui.deal.drag_hint')}</span>
      </header>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {deals === null && !error ? <Spinner label={t('ui.loading')} /> : null}
      <div className="board" role="list">
        {columns.map((column) => (
          <section
            key={column.stage.id}
            role="listitem"
            className={['column', `column--${column.stage.kind}`, over === column.stage.id ? 'is-over' : ''].join(' ')}
            aria-label={column.stage.name}
            data-stage-id={column.stage.id}
            onDragOver={(e) => {
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              if (over !== column.stage.id) setOver(column.stage.id);
            }}
            onDragLeave={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(null);
            }}
            onDrop={(e) => onDrop(e, column.stage)}
          >
            <header className="column__head">
              <h2>{column.stage.name}</h2>
              <span className="column__count">{column.deals.length}</span>
              <p className="column__sum" data-testid="column-sum">
                {Object.keys(column.totals).length ? Object.entries(column.totals).map(([currency, minor]) => formatMoney(minor, currency, locale)).join(' + ') : formatMoney(0, 'RUB', locale)}
              </p>
            </header>
            <ul className="column__cards">
              {column.deals.map((deal) => (
                <li
                  key={deal.id}
                  className={dragging === deal.id ? 'deal-card is-dragging' : 'deal-card'}
                  draggable
                  data-deal-id={deal.id}
                  onDragStart={(e) => {
                    e.dataTransfer.setData('text/plain', deal.id);
                    e.dataTransfer.effectAllowed = 'move';
                    setDragging(deal.id);
                  }}
                  onDragEnd={() => {
                    setDragging(null);
                    setOver(null);
                  }}
                >
                  <a
                    href={`/deals/${deal.id}`}
                    draggable={false}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate({ page: 'deals', dealId: deal.id });
                    }}
                  >
                    <span className="deal-card__title">{deal.title}</span>
                    <span className="deal-card__amount">{formatAmount(deal.amount, deal.currency, locale)}</span>
                  </a>
                </li>
              ))}
            </ul>
            {column.deals.length === 0 ? <p className="column__empty muted">{t('ui.deal.column_empty')}</p> : null}
          </section>
        ))}
      </div>
      {deals && !columns.length ? <Empty>{t('ui.deal.no_stages')}</Empty> : null}
      {dealId ? (
        <DealDetail
          dealId={dealId}
          onClose={() => navigate({ page: 'deals', dealId: null })}
          onChanged={(deal) => setDeals((list) => (list ? list.map((d) => (d.id === deal.id ? { ...d, ...deal } : d)) : list))}
        />
      ) : null}
    </div>
  );
}
