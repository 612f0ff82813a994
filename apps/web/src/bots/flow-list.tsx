import { useState } from 'react';
import { useApp } from '../app-context.js';
import { formatDateTime } from '../format.js';
import { Empty, Spinner } from '../ui/bits.js';
import { useWorkspace } from '../workspace.js';
import { botsApi, canEditBots, errorText } from './bots-api.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { CreateFlowForm } from './create-flow-form.js';
import { triggerInboxIds } from './triggers-state.js';
import type { BotFlowSummary } from './types.js';
import { useSearchPages } from '../ui/use-search-pages.js';

export function FlowList() {
  const { t, me, navigate, notify } = useApp();
  const { q, setQ, items: flows, setItems: setFlows, cursor, error, load } = useSearchPages(botsApi.listFlows);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<BotFlowSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const editor = canEditBots(me?.role);

  async function remove(flow: BotFlowSummary) {
    setBusy(true);
    try {
      await botsApi.deleteFlow(flow.id);
      setFlows((list) => list?.filter((f) => f.id !== flow.id) ?? list);
      notify(t('ui.bots.deleted', { name: flow.name }));
      setDeleting(null);
    } catch (caught) {
      notify(errorText(caught), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="bots-list" aria-label={t('ui.bots.tab.flows')}>
      <header className="page-head">
        <h1>{t('ui.bots.title')}</h1>
        <input type="search" className="input input--search bots-list__search" placeholder={t('ui.bots.search')} aria-label={t('ui.bots.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        {editor ? (
          <button type="button" className="btn btn--small btn--primary" onClick={() => setCreating((v) => !v)} aria-expanded={creating}>
            + {t('ui.bots.new')}
          </button>
        ) : null}
      </header>
      {creating ? <CreateFlowForm flows={flows ?? []} onCancel={() => setCreating(false)} onCreated={(flow) => navigate({ page: 'bots', flowId: flow.id })} /> : null}
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {flows === null && !error ? <Spinner label={t('ui.loading')} /> : null}
      {flows && flows.length === 0 ? <Empty>{q ? t('ui.bots.none_found') : t('ui.bots.empty')}</Empty> : null}
      {flows && flows.length > 0 ? <FlowTable flows={flows} editor={editor} onDelete={setDeleting} /> : null}
      {cursor ? (
        <button type="button" className="btn btn--small bots-list__more" onClick={() => void load(cursor)}>
          {t('ui.bots.more')}
        </button>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('ui.bots.delete_title', { name: deleting.name })}
          text={deleting.activeSessions ? t('ui.bots.delete_text_active', { n: deleting.activeSessions }) : t('ui.bots.delete_text')}
          confirmLabel={t('ui.bots.delete')}
          busy={busy}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </section>
  );
}

function FlowTable({ flows, editor, onDelete }: { flows: BotFlowSummary[]; editor: boolean; onDelete(flow: BotFlowSummary): void }) {
  const { t, locale, navigate } = useApp();
  const { inboxById, pipelines } = useWorkspace();
  const stageName = (id: string) => pipelines.flatMap((p) => p.stages).find((s) => s.id === id)?.name ?? id;
  return (
    <table className="bots-table">
      <thead>
        <tr>
          <th>{t('ui.bots.col.name')}</th>
          <th>{t('ui.bots.col.version')}</th>
          <th>{t('ui.bots.col.triggers')}</th>
          <th>{t('ui.bots.col.sessions')}</th>
          <th>{t('ui.bots.col.updated')}</th>
          {editor ? <th aria-label={t('ui.bots.col.actions')} /> : null}
        </tr>
      </thead>
      <tbody>
        {flows.map((flow) => {
          const stages = flow.triggers.flatMap((tr) => (tr.type === 'deal_stage' ? [stageName(tr.stageId)] : []));
          const inboxes = triggerInboxIds(flow.triggers).map((id) => inboxById(id)?.name ?? id);
          return (
            <tr key={flow.id} data-flow-id={flow.id}>
              <td>
                <a
                  href={`/bots/${flow.id}`}
                  className="bots-table__name"
                  onClick={(e) => {
                    e.preventDefault();
                    navigate({ page: 'bots', flowId: flow.id });
                  }}
                >
                  {flow.name}
                </a>
                {flow.description ? <span className="muted bots-table__sub">{flow.description}</span> : null}
              </td>
              <td>
                {flow.publishedVersion ? <span className="chip chip--done">v{flow.publishedVersion}</span> : <span className="chip">{t('ui.bots.unpublished')}</span>}
                {flow.hasUnpublishedChanges ? <span className="chip chip--wait">{t('ui.bots.changes')}</span> : null}
              </td>
              <td>
                {[...inboxes, ...stages.map((s) => t('ui.bots.stage_trigger', { stage: s }))].map((name) => (
                  <span key={name} className="chip chip--label">
                    {name}
                  </span>
                ))}
                {inboxes.length + stages.length === 0 ? <span className="muted">{t('ui.bots.no_triggers')}</span> : null}
              </td>
              <td className="bots-table__num">{flow.activeSessions}</td>
              <td className="muted">{formatDateTime(flow.updatedAt, locale)}</td>
              {editor ? (
                <td className="bots-table__actions">
                  <button type="button" className="btn btn--small btn--ghost" onClick={() => onDelete(flow)} aria-label={t('ui.bots.delete_named', { name: flow.name })}>
                    {t('ui.bots.delete')}
                  </button>
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
