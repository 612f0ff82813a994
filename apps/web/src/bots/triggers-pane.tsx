import { useState } from 'react';
import { ApiError } from '../api/api-error.js';
import { useApp } from '../app-context.js';
import { Empty } from '../ui/bits.js';
import { useWorkspace } from '../workspace.js';
import { botsApi, errorText } from './bots-api.js';
import { fromForm, NO_INBOX_TRIGGERS, toForm, type InboxTriggers, type TriggerForm } from './triggers-state.js';
import type { BotFlow } from './types.js';

/** Where the flow starts: per inbox (a new conversation, keywords, commands) and on deal stages. */
export function TriggersPane({ flow, editor, onSaved }: { flow: BotFlow; editor: boolean; onSaved(flow: BotFlow): void }) {
  const { t, notify } = useApp();
  const { inboxes } = useWorkspace();
  const [form, setForm] = useState<TriggerForm>(() => toForm(flow.triggers));
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const row = (inboxId: string) => form.inboxes[inboxId] ?? NO_INBOX_TRIGGERS;
  const setRow = (inboxId: string, patch: Partial<InboxTriggers>) => setForm((f) => ({ ...f, inboxes: { ...f.inboxes, [inboxId]: { ...row(inboxId), ...patch } } }));

  async function save() {
    setBusy(true);
    setErrors([]);
    try {
      onSaved(await botsApi.updateFlow(flow.id, { triggers: fromForm(form) }));
      notify(t('ui.bots.triggers_saved'));
    } catch (error) {
      setErrors(error instanceof ApiError && error.fieldErrors.length ? error.fieldErrors.map((e) => `${e.field}: ${e.message}`) : [errorText(error)]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="bots-triggers" aria-label={t('ui.bots.flow_tab.triggers')}>
      <p className="muted">{t('ui.bots.triggers_hint')}</p>
      {inboxes.length === 0 ? <Empty>{t('ui.bots.no_inboxes')}</Empty> : null}
      <ul className="bots-triggers__inboxes">
        {inboxes.map((inbox) => {
          const r = row(inbox.id);
          return (
            <li key={inbox.id} className="card bots-triggers__inbox" data-inbox-id={inbox.id}>
              <h3>{inbox.name}</h3>
              <label className="bots-check">
                <input type="checkbox" disabled={!editor} checked={r.newConversation} onChange={(e) => setRow(inbox.id, { newConversation: e.target.checked })} />
                {t('ui.bots.trigger.new_conversation')}
              </label>
              <label className="field">
                <span>{t('ui.bots.trigger.keywords')}</span>
                <input className="input" disabled={!editor} value={r.keywords} placeholder={t('ui.bots.trigger.keywords_hint')} onChange={(e) => setRow(inbox.id, { keywords: e.target.value })} />
              </label>
              <label className="field">
                <span>{t('ui.bots.trigger.commands')}</span>
                <input className="input" disabled={!editor} value={r.commands} placeholder="/start" onChange={(e) => setRow(inbox.id, { commands: e.target.value })} />
              </label>
            </li>
          );
        })}
      </ul>
      <StageTriggers stageIds={form.stageIds} editor={editor} onChange={(stageIds) => setForm((f) => ({ ...f, stageIds }))} />
      {errors.length ? (
        <ul className="notice notice--error" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      {editor ? (
        <div className="form__actions">
          <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void save()}>
            {t('ui.bots.save_triggers')}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function StageTriggers({ stageIds, editor, onChange }: { stageIds: string[]; editor: boolean; onChange(ids: string[]): void }) {
  const { t } = useApp();
  const { pipelines } = useWorkspace();
  const [pick, setPick] = useState('');
  const stages = pipelines.flatMap((p) => p.stages.map((s) => ({ ...s, pipelineName: p.name })));
  return (
    <section className="card bots-triggers__stages">
      <h3>{t('ui.bots.trigger.deal_stage')}</h3>
      <p className="muted">{t('ui.bots.trigger.deal_stage_hint')}</p>
      <ul className="bots-triggers__chosen">
        {stageIds.map((id) => {
          const stage = stages.find((s) => s.id === id);
          return (
            <li key={id} className="chip chip--label">
              {stage ? `${stage.pipelineName} → ${stage.name}` : id}
              {editor ? (
                <button type="button" className="btn btn--ghost btn--small" aria-label={t('ui.action.remove')} onClick={() => onChange(stageIds.filter((s) => s !== id))}>
                  ×
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {editor ? (
        <div className="form__row">
          <select className="input" aria-label={t('ui.bots.trigger.pick_stage')} value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">{t('ui.bots.trigger.pick_stage')}</option>
            {pipelines.map((p) => (
              <optgroup key={p.id} label={p.name}>
                {p.stages
                  .filter((s) => !stageIds.includes(s.id))
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
          <button
            type="button"
            className="btn"
            disabled={!pick}
            onClick={() => {
              onChange([...stageIds, pick]);
              setPick('');
            }}
          >
            {t('ui.action.add')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
