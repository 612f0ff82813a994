import { useCallback, useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { formatDateTime } from '../format.js';
import { useLiveEvents, useResync } from '../workspace.js';
import { botsApi, errorText } from './bots-api.js';
import { Variables } from './variables.js';
import type { BotFlowSummary, BotSessionView, BotSessionChangedEvent } from './types.js';

/** The bot running in a conversation, for the side panel: which flow, where it is, what it collected. */
export function BotSessionCard({ conversationId }: { conversationId: string }) {
  const { t, locale, navigate, notify } = useApp();
  const [session, setSession] = useState<BotSessionView | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    botsApi
      .session(conversationId)
      .then((answer) => setSession(answer.session))
      .catch(() => setSession(null));
  }, [conversationId]);
  useEffect(load, [load]);
  useResync(load);
  useLiveEvents((event) => {
    if (event.type !== 'bot.session.changed') return;
    const payload = event.payload as Partial<BotSessionChangedEvent> | undefined;
    if ((payload?.conversationId ?? event.conversationId) !== conversationId) return;
    if (payload && 'session' in payload) setSession(payload.session ?? null);
    else load();
  });

  async function act(run: () => Promise<{ session: BotSessionView | null }>, done: string) {
    setBusy(true);
    try {
      setSession((await run()).session);
      notify(done);
    } catch (error) {
      notify(errorText(error), 'error');
    } finally {
      setBusy(false);
    }
  }

  if (session === undefined) return null;
  return (
    <section className="card bots-session" aria-label={t('ui.bots.session.title')} data-testid="bot-session">
      <h3 className="card__label">{t('ui.bots.session.title')}</h3>
      {session ? (
        <>
          <dl className="props">
            <dt>{t('ui.bots.session.flow')}</dt>
            <dd>
              <a
                href={`/bots/${session.flowId}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ page: 'bots', flowId: session.flowId });
                }}
              >
                {session.flowName} · v{session.version}
              </a>
            </dd>
            <dt>{t('ui.bots.sim.status')}</dt>
            <dd>
              <span className={`chip bots-status bots-status--${session.status}`}>{t(`ui.bots.status.${session.status}`)}</span>
            </dd>
            <dt>{t('ui.bots.sim.node')}</dt>
            <dd>{session.nodeId ?? '—'}</dd>
            <dt>{t('ui.bots.session.started')}</dt>
            <dd>{formatDateTime(session.startedAt, locale)}</dd>
            {session.expiresAt ? (
              <>
                <dt>{t('ui.bots.session.expires')}</dt>
                <dd>{formatDateTime(session.expiresAt, locale)}</dd>
              </>
            ) : null}
          </dl>
          <h4 className="card__label bots-session__vars">{t('ui.bots.variables')}</h4>
          <Variables entries={Object.entries(session.variables ?? {})} />
          <button type="button" className="btn btn--small bots-session__action" disabled={busy} onClick={() => void act(() => botsApi.stopSession(conversationId), t('ui.bots.session.taken_over'))}>
            {t('ui.bots.session.take_over')}
          </button>
        </>
      ) : (
        <HandBack busy={busy} onStart={(flowId) => void act(() => botsApi.startSession(conversationId, flowId), t('ui.bots.session.handed_back'))} />
      )}
    </section>
  );
}

function HandBack({ busy, onStart }: { busy: boolean; onStart(flowId: string): void }) {
  const { t } = useApp();
  const [flows, setFlows] = useState<BotFlowSummary[] | null>(null);
  const [flowId, setFlowId] = useState('');
  useEffect(() => {
    botsApi
      .listFlows({ limit: 100 })
      .then((page) => setFlows(page.items.filter((f) => f.publishedVersion !== null)))
      .catch(() => setFlows([]));
  }, []);
  return (
    <div className="bots-session__handback">
      <p className="muted">{t('ui.bots.session.none')}</p>
      {flows && flows.length > 0 ? (
        <div className="form__row">
          <select className="input input--compact" aria-label={t('ui.bots.session.pick_flow')} value={flowId} onChange={(e) => setFlowId(e.target.value)}>
            <option value="">{t('ui.bots.session.pick_flow')}</option>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn--small" disabled={busy || !flowId} onClick={() => onStart(flowId)}>
            {t('ui.bots.session.hand_back')}
          </button>
        </div>
      ) : flows ? (
        <p className="muted">{t('ui.bots.session.no_flows')}</p>
      ) : null}
    </div>
  );
}
