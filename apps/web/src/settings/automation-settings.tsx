import type { MessageKey } from '@app/i18n';
import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { Page } from '../api/types.js';
import { useApp } from '../app-context.js';
import { formatDateTime } from '../format.js';
import { Empty, Spinner } from '../ui/bits.js';
import { BackLink, RotateSecret, SectionHead, SettingsLink, useAction, useLoaded } from './form-bits.js';
import { RuleEditor } from './rule-editor.js';
import type { SectionProps } from './sections.js';
import type { AutomationRule, AutomationRun } from './settings-api.js';

const eventLabel = (event: string) => `ui.settings.rule.event.${event}` as MessageKey;

/** The signing secret the create answer carried, for the rule just created. */
interface CreatedSecret {
  ruleId: string;
  secret: string;
}

/** Automation rules in the order they run: reorder, switch on and off, edit, and see what they did. */
export function AutomationSettings({ id }: SectionProps) {
  const { t, navigate } = useApp();
  const [created, setCreated] = useState<CreatedSecret | null>(null);
  // Shown once: leaving the new rule's screen forgets the secret.
  useEffect(() => {
    if (id !== 'new') setCreated((current) => (current && current.ruleId !== id ? null : current));
  }, [id]);
  const list = () => navigate({ page: 'settings', section: 'automation', id: null });
  if (id === 'new') {
    const opened = (rule: AutomationRule & { webhookSecret?: string }) => {
      setCreated(rule.webhookSecret && rule.actions.some((a) => a.type === 'webhook') ? { ruleId: rule.id, secret: rule.webhookSecret } : null);
      navigate({ page: 'settings', section: 'automation', id: rule.id }, { replace: true });
    };
    return (
      <div className="settings__page">
        <BackLink label={t('ui.settings.section.automation')} onClick={list} />
        <SectionHead title={t('ui.settings.rule.new')} />
        <RuleEditor rule={null} onSaved={opened} />
      </div>
    );
  }
  if (id) return <RuleScreen key={id} ruleId={id} onBack={list} createdSecret={created?.ruleId === id ? created.secret : null} />;
  return <RuleList />;
}

function RuleList() {
  const { t, navigate } = useApp();
  const act = useAction();
  const { data, error, reload, setData } = useLoaded(() => api.get<{ items: AutomationRule[] }>('/automation-rules', { limit: 100 }).then((r) => r.items), []);
  if (error) return <p className="notice notice--error">{error}</p>;
  if (!data) return <Spinner label={t('ui.loading')} />;
  const move = async (index: number, by: -1 | 1) => {
    const next = [...data];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    setData(next);
    if (!(await act(() => api.post('/automation-rules/reorder', { ids: next.map((r) => r.id) })))) reload();
  };
  const toggle = async (rule: AutomationRule) => {
    await act(() => api.patch(`/automation-rules/${rule.id}`, { enabled: !rule.enabled }));
    reload();
  };
  return (
    <div className="settings__page">
      <SectionHead title={t('ui.settings.section.automation')}>
        <button type="button" className="btn btn--primary btn--small" onClick={() => navigate({ page: 'settings', section: 'automation', id: 'new' })}>
          + {t('ui.settings.rule.new')}
        </button>
      </SectionHead>
      <p className="muted settings__lead">{t('ui.settings.rule.lead')}</p>
      {data.length === 0 ? (
        <Empty>{t('ui.settings.rule.empty')}</Empty>
      ) : (
        <ol className="settings__list settings__rules">
          {data.map((rule, i) => (
            <li key={rule.id} className="row settings__row" data-testid="rule-row">
              <input type="checkbox" checked={rule.enabled} aria-label={t('ui.settings.enabled')} onChange={() => void toggle(rule)} />
              <SettingsLink section="automation" id={rule.id} className="row__main">
                <span className="row__title">{rule.name}</span>
                <span className="muted row__sub">
                  {t(eventLabel(rule.event))} · {t('ui.settings.rule.runs_n', { n: rule.runCount })}
                </span>
              </SettingsLink>
              <button type="button" className="btn btn--ghost btn--small" disabled={i === 0} onClick={() => void move(i, -1)} aria-label={t('ui.settings.move_up')}>
                ↑
              </button>
              <button type="button" className="btn btn--ghost btn--small" disabled={i === data.length - 1} onClick={() => void move(i, 1)} aria-label={t('ui.settings.move_down')}>
                ↓
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function RuleScreen({ ruleId, onBack, createdSecret }: { ruleId: string; onBack(): void; createdSecret: string | null }) {
  const { t } = useApp();
  const act = useAction();
  const { data, error, setData } = useLoaded(() => api.get<AutomationRule>(`/automation-rules/${ruleId}`), [ruleId]);
  if (error) return <p className="notice notice--error">{error}</p>;
  if (!data) return <Spinner label={t('ui.loading')} />;
  const remove = async () => {
    if (window.confirm(t('ui.settings.rule.delete_confirm', { name: data.name })) && (await act(() => api.del(`/automation-rules/${ruleId}`), t('ui.settings.deleted')))) onBack();
  };
  return (
    <div className="settings__page">
      <BackLink label={t('ui.settings.section.automation')} onClick={onBack} />
      <SectionHead title={data.name}>
        <button type="button" className="btn btn--small settings__danger" onClick={() => void remove()}>
          {t('ui.settings.delete')}
        </button>
      </SectionHead>
      <RuleEditor rule={data} onSaved={setData} />
      {data.actions.some((a) => a.type === 'webhook') ? (
        <section className="card settings__card">
          <p className="muted">{t('ui.settings.rule.webhook_hint')}</p>
          {createdSecret ? (
            <div className="field">
              <span>{t('ui.settings.rule.created_secret')}</span>
              <code className="settings__code" data-testid="rule-webhook-secret">
                {createdSecret}
              </code>
              <small className="muted">{t('ui.settings.shown_once')}</small>
            </div>
          ) : null}
          <RotateSecret rotate={() => api.post(`/automation-rules/${ruleId}/rotate-secret`)} />
        </section>
      ) : null}
      <RunLog ruleId={ruleId} />
    </div>
  );
}

function RunLog({ ruleId }: { ruleId: string }) {
  const { t, locale } = useApp();
  const { data } = useLoaded(() => api.get<Page<AutomationRun>>('/automation-rules/runs', { ruleId, limit: 30 }), [ruleId]);
  return (
    <section className="card settings__card">
      <h3 className="card__label">{t('ui.settings.rule.log')}</h3>
      {!data ? (
        <Spinner label={t('ui.loading')} />
      ) : data.items.length === 0 ? (
        <p className="muted">{t('ui.settings.rule.log_empty')}</p>
      ) : (
        <ul className="settings__log">
          {data.items.map((run) => (
            <li key={run.id}>
              <span className="muted">{formatDateTime(run.createdAt, locale)}</span> {t(eventLabel(run.event))}
              <ul>
                {run.results.map((result, i) => (
                  <li key={i} className={result.ok ? 'settings__ok' : 'settings__failed'}>
                    {result.ok ? '✓' : '✗'} {t(`ui.settings.rule.action.${result.type}` as MessageKey)}
                    {typeof result.message === 'string' ? ` — ${result.message}` : ''}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
