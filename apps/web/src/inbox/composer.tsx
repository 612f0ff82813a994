import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../api/client.js';
import { ApiError } from '../api/api-error.js';
import type { Message } from '../api/types.js';
import { useApp } from '../app-context.js';
import { useShortcuts } from '../shortcut-bus.js';
import { Icon } from '../ui/icons.js';
import { useWorkspace } from '../workspace.js';
import { KnowledgeSuggestions } from './knowledge-suggestions.js';
import { insertTemplateText } from './template-filter.js';
import { useTemplatePicker } from './template-picker.js';

interface Props {
  conversationId: string;
  /** The conversation's inbox: the template picker offers its own and the global templates. */
  inboxId?: string;
  disabled: boolean;
  onSent(message: Message): void;
}

const TYPING_IDLE_MS = 3000;

interface LinkedFile {
  url: string;
  fileName: string;
}

export function Composer({ conversationId, inboxId, disabled, onSent }: Props) {
  const { t, notify } = useApp();
  const { live } = useWorkspace();
  const [text, setText] = useState('');
  const [note, setNote] = useState(false);
  const [files, setFiles] = useState<LinkedFile[]>([]);
  const [linking, setLinking] = useState(false);
  const [link, setLink] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const typing = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const picker = useTemplatePicker({
    conversationId,
    inboxId,
    onInsert: (rendered, fromSlash) => {
      setText((current) => insertTemplateText(current, rendered, fromSlash));
      input.current?.focus();
    },
  });

  const stopTyping = () => {
    clearTimeout(idle.current);
    if (typing.current) live?.typing(conversationId, false);
    typing.current = false;
  };

  useEffect(() => () => stopTyping(), [conversationId]);

  useShortcuts((action) => {
    if (action !== 'reply' && action !== 'note') return false;
    setNote(action === 'note');
    input.current?.focus();
    return true;
  }, 1);

  const onType = (value: string) => {
    setText(value);
    setError(null);
    picker.followText(value);
    if (note) return;
    if (!typing.current && value.trim()) {
      typing.current = true;
      live?.typing(conversationId, true);
    }
    clearTimeout(idle.current);
    idle.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  async function send() {
    if (sending || (!text.trim() && files.length === 0)) return;
    setSending(true);
    stopTyping();
    try {
      const message = await api.post<Message>(`/conversations/${conversationId}/messages`, {
        text: text.trim() ? text : undefined,
        private: note,
        attachments: files.map((f) => ({ url: f.url, fileName: f.fileName })),
      });
      setText('');
      setFiles([]);
      onSent(message);
    } catch (caught) {
      const message = caught instanceof ApiError ? [caught.message, ...caught.fieldErrors.map((f) => f.message)].join(' ') : String(caught);
      setError(message);
    } finally {
      setSending(false);
      input.current?.focus();
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (picker.onKey(event)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
    if (event.key === 'Escape') input.current?.blur();
  };

  const addLink = () => {
    const url = link.trim();
    try {
      const parsed = new URL(url);
      if (!/^https?:$/.test(parsed.protocol)) throw new Error('protocol');
      setFiles((list) => [...list, { url, fileName: decodeURIComponent(parsed.pathname.split('/').pop() || parsed.hostname) }]);
      setLink('');
      setLinking(false);
    } catch {
      notify(t('ui.composer.bad_link'), 'error');
    }
  };

  return (
    <form
      className={note ? 'composer composer--note' : 'composer'}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div className="composer__modes" role="group" aria-label={t('ui.composer.mode')}>
        <button type="button" className={!note ? 'mode is-active' : 'mode'} aria-pressed={!note} onClick={() => setNote(false)}>
          {t('ui.composer.reply')}
        </button>
        <button type="button" className={note ? 'mode is-active' : 'mode'} aria-pressed={note} onClick={() => setNote(true)}>
          {t('ui.composer.note')}
        </button>
      </div>
      {files.length ? (
        <ul className="composer__files">
          {files.map((f, i) => (
            <li key={f.url + i} className="chip chip--file">
              <Icon name="clip" size={12} /> {f.fileName}
              <button type="button" className="chip__x" aria-label={t('ui.action.remove')} onClick={() => setFiles((list) => list.filter((_, j) => j !== i))}>
                <Icon name="close" size={10} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {linking ? (
        <div className="composer__link">
          <input
            className="input"
            type="url"
            autoFocus
            placeholder="https://…"
            aria-label={t('ui.composer.link_label')}
            value={link}
            onChange={(e) => setLink(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addLink();
              }
            }}
          />
          <button type="button" className="btn" onClick={addLink}>
            {t('ui.action.add')}
          </button>
        </div>
      ) : null}
      {picker.element}
      {note ? null : (
        <KnowledgeSuggestions
          conversationId={conversationId}
          onInsert={(snippet) => {
            setText((current) => insertTemplateText(current, snippet, false));
            input.current?.focus();
          }}
        />
      )}
      <textarea
        ref={input}
        className="composer__input"
        rows={3}
        value={text}
        disabled={disabled}
        placeholder={note ? t('ui.composer.note_placeholder') : t('ui.composer.placeholder')}
        aria-label={note ? t('ui.composer.note') : t('ui.composer.reply')}
        onChange={(e) => onType(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={stopTyping}
      />
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="composer__bar">
        <button type="button" className="btn btn--ghost" onClick={() => setLinking((v) => !v)} aria-expanded={linking} title={t('ui.composer.attach')}>
          <Icon name="clip" /> <span className="hide-narrow">{t('ui.composer.attach')}</span>
        </button>
        <button type="button" className="btn btn--ghost" onClick={picker.openWithButton} aria-expanded={picker.open} title={t('ui.picker.open')}>
          <Icon name="note" /> <span className="hide-narrow">{t('ui.picker.open')}</span>
        </button>
        <span className="composer__hint muted">{t('ui.composer.hint')}</span>
        <button type="submit" className="btn btn--primary" disabled={sending || (!text.trim() && files.length === 0)}>
          {note ? t('ui.composer.add_note') : t('ui.composer.send')}
        </button>
      </div>
    </form>
  );
}
