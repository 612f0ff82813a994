import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error.js';
import { useApp } from '../app-context.js';
import { FieldError } from '../ui/bits.js';
import { useFormErrors } from '../ui/use-form-errors.js';
import { botsApi, errorText } from './bots-api.js';
import { DocumentErrors } from './document-errors.js';
import { parseFlow } from './flow-text.js';
import type { BotFlow } from './types.js';

interface Props {
  flow: BotFlow;
  text: string;
  dirty: boolean;
  editor: boolean;
  onBack(): void;
  /** savedDraft: the editor text that is now the saved draft, when the document was saved. */
  onSaved(flow: BotFlow, savedDraft?: string): void;
  onPublished(version: number): void;
}

export function FlowHeader({ flow, text, dirty, editor, onBack, onSaved, onPublished }: Props) {
  const { t, notify } = useApp();
  const [renaming, setRenaming] = useState(false);
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);

  /** Saves the editor's document as the draft; false when the server refused it. */
  async function saveDraft(): Promise<boolean> {
    const parsed = parseFlow(text);
    if (!parsed.ok && parsed.kind === 'syntax') {
      setSaveError(new Error(t('ui.bots.json_invalid')));
      return false;
    }
    try {
      const updated = await botsApi.updateFlow(flow.id, { document: parsed.ok ? parsed.doc : JSON.parse(text) });
      setSaveError(null);
      onSaved(updated, text);
      return true;
    } catch (error) {
      setSaveError(error);
      return false;
    }
  }

  async function save() {
    setBusy('save');
    if (await saveDraft()) notify(t('ui.bots.saved'));
    setBusy(null);
  }

  async function publish() {
    setBusy('publish');
    try {
      if (dirty && !(await saveDraft())) return;
      const { version } = await botsApi.publish(flow.id);
      notify(t('ui.bots.published', { version }));
      onPublished(version);
    } catch (error) {
      setSaveError(error);
    } finally {
      setBusy(null);
    }
  }

  const unpublished = dirty || flow.hasUnpublishedChanges || flow.publishedVersion === null;
  return (
    <header className="bots-flow__head">
      <button type="button" className="btn btn--ghost" onClick={onBack}>
        ← {t('ui.bots.title')}
      </button>
      {renaming ? (
        <NameForm
          flow={flow}
          onCancel={() => setRenaming(false)}
          onDone={(updated) => {
            setRenaming(false);
            onSaved(updated);
          }}
        />
      ) : (
        <div className="bots-flow__title">
          <h1>{flow.name}</h1>
          {flow.description ? <p className="muted">{flow.description}</p> : null}
        </div>
      )}
      <div className="bots-flow__state">
        {flow.publishedVersion ? <span className="chip chip--done">{t('ui.bots.live_version', { version: flow.publishedVersion })}</span> : <span className="chip">{t('ui.bots.unpublished')}</span>}
        {dirty ? <span className="chip chip--wait">{t('ui.bots.unsaved')}</span> : flow.hasUnpublishedChanges ? <span className="chip chip--wait">{t('ui.bots.changes')}</span> : null}
        <span className="muted">{t('ui.bots.sessions_count', { n: flow.activeSessions })}</span>
      </div>
      {editor ? (
        <div className="bots-flow__actions">
          {!renaming ? (
            <button type="button" className="btn btn--small" onClick={() => setRenaming(true)}>
              {t('ui.bots.rename')}
            </button>
          ) : null}
          <button type="button" className="btn btn--small" disabled={!dirty || busy !== null} onClick={() => void save()}>
            {t('ui.bots.save_draft')}
          </button>
          <button type="button" className="btn btn--small btn--primary" disabled={!unpublished || busy !== null} onClick={() => void publish()}>
            {t('ui.bots.publish')}
          </button>
        </div>
      ) : null}
      {saveError ? (
        <div className="bots-flow__errors">
          {saveError instanceof ApiError && saveError.fieldErrors.length ? (
            <>
              <p className="notice notice--error">{saveError.message}</p>
              <DocumentErrors errors={saveError.fieldErrors} />
            </>
          ) : (
            <p className="notice notice--error" role="alert">
              {errorText(saveError)}
            </p>
          )}
        </div>
      ) : null}
    </header>
  );
}

const NAME_FIELDS = ['name', 'description'] as const;

function NameForm({ flow, onDone, onCancel }: { flow: BotFlow; onDone(flow: BotFlow): void; onCancel(): void }) {
  const { t } = useApp();
  const [name, setName] = useState(flow.name);
  const [description, setDescription] = useState(flow.description ?? '');
  const { errors, fail, clear } = useFormErrors(NAME_FIELDS);
  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      onDone(await botsApi.updateFlow(flow.id, { name: name.trim(), description: description.trim() || null }));
    } catch (error) {
      fail(error);
    }
  }
  return (
    <form className="form bots-flow__rename" onSubmit={submit} noValidate>
      {errors.form ? <p className="notice notice--error">{errors.form}</p> : null}
      <label className="field">
        <span>{t('ui.bots.name')}</span>
        <input className="input" value={name} aria-invalid={Boolean(errors.fields.name)} onChange={(e) => setName(e.target.value)} />
        <FieldError message={errors.fields.name} />
      </label>
      <label className="field">
        <span>{t('ui.bots.description')}</span>
        <input className="input" value={description} aria-invalid={Boolean(errors.fields.description)} onChange={(e) => setDescription(e.target.value)} />
        <FieldError message={errors.fields.description} />
      </label>
      <div className="form__actions">
        <button type="button" className="btn btn--small" onClick={onCancel}>
          {t('ui.action.cancel')}
        </button>
        <button type="submit" className="btn btn--small btn--primary">
          {t('ui.action.save')}
        </button>
      </div>
    </form>
  );
}
