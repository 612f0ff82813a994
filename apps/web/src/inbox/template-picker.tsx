import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { ApiError } from '../api/api-error.js';
import { api } from '../api/client.js';
import type { Page } from '../api/types.js';
import { useApp } from '../app-context.js';
import { useShortcuts } from '../shortcut-bus.js';
import type { RenderedTemplate, Template } from '../settings/settings-api.js';
import { filterTemplates, slashQuery } from './template-filter.js';

type Mode = 'slash' | 'button';

interface Options {
  conversationId: string;
  inboxId: string | undefined;
  /** Puts the chosen template's text into the composer; fromSlash: it replaces the "/code" typed. */
  onInsert(text: string, fromSlash: boolean): void;
}

/**
 * The canned-response picker of the composer: "/code" typed at the start, or the toolbar button,
 * opens it; arrows move, Enter picks, Esc closes. A pick is rendered for the conversation and counted
 * as a use by the server.
 */
export function useTemplatePicker({ conversationId, inboxId, onInsert }: Options) {
  const { t, notify } = useApp();
  const [mode, setMode] = useState<Mode | null>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [previews, setPreviews] = useState<Record<string, string>>({});

  useEffect(() => {
    setTemplates(null);
    setPreviews({});
    setMode(null);
  }, [conversationId, inboxId]);

  useEffect(() => {
    if (!mode || templates) return;
    api
      .get<Page<Template>>('/templates', { inboxId, limit: 100 })
      .then((page) => setTemplates(page.items))
      .catch(() => setTemplates([]));
  }, [mode, templates, inboxId]);

  const matches = useMemo(() => filterTemplates(templates ?? [], query), [templates, query]);
  const current = matches[Math.min(active, matches.length - 1)];

  useEffect(() => {
    if (!mode || !current || previews[current.id] !== undefined) return;
    api
      .post<RenderedTemplate>(`/templates/${current.id}/preview`, { conversationId })
      .then((r) => setPreviews((all) => ({ ...all, [current.id]: r.text })))
      .catch(() => setPreviews((all) => ({ ...all, [current.id]: current.body })));
  }, [mode, current, previews, conversationId]);

  const close = useCallback(() => {
    setMode(null);
    setQuery('');
    setActive(0);
  }, []);

  const choose = useCallback(
    async (template: Template) => {
      const fromSlash = mode === 'slash';
      close();
      try {
        const rendered = await api.post<RenderedTemplate>(`/templates/${template.id}/use`, { conversationId });
        onInsert(rendered.text, fromSlash);
      } catch (error) {
        notify(error instanceof ApiError ? error.message : t('ui.error.generic'), 'error');
      }
    },
    [mode, close, conversationId, onInsert, notify, t],
  );

  /** Follows the composer's text: "/code" alone opens the picker, anything else closes a slash-opened one. */
  const followText = useCallback(
    (text: string) => {
      const search = slashQuery(text);
      if (search !== null) {
        setMode((m) => m ?? 'slash');
        setQuery(search);
        setActive(0);
      } else if (mode === 'slash') close();
    },
    [mode, close],
  );

  // Escape reaches the page's shortcuts, which would close the conversation: while open, the picker takes it and closes.
  useShortcuts((action) => {
    if (action !== 'escape' || mode === null) return false;
    close();
    return true;
  }, 5);

  /** Handles the picker's keys; true when the key was the picker's. */
  const onKey = (event: KeyboardEvent): boolean => {
    if (!mode) return false;
    if (event.key === 'Escape') {
      // Closed by the Escape shortcut above; here it only keeps the reply box from losing the focus.
    } else if (event.key === 'ArrowDown' && matches.length) {
      setActive((i) => (i + 1) % matches.length);
    } else if (event.key === 'ArrowUp' && matches.length) {
      setActive((i) => (i - 1 + matches.length) % matches.length);
    } else if (event.key === 'Enter' && !event.shiftKey && current) {
      void choose(current);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  };

  const openWithButton = () => {
    setMode('button');
    setQuery('');
    setActive(0);
  };

  const element = mode ? (
    <div className="picker" role="dialog" aria-label={t('ui.picker.title')}>
      {mode === 'button' ? (
        <input
          className="input input--search picker__search"
          autoFocus
          value={query}
          placeholder={t('ui.picker.search')}
          aria-label={t('ui.picker.search')}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKey}
        />
      ) : null}
      {!templates ? (
        <p className="muted picker__empty">{t('ui.loading')}</p>
      ) : matches.length === 0 ? (
        <p className="muted picker__empty">{t('ui.picker.empty')}</p>
      ) : (
        <ul className="picker__list" role="listbox" aria-label={t('ui.picker.title')}>
          {matches.map((template, i) => (
            <li
              key={template.id}
              role="option"
              aria-selected={template === current}
              className={template === current ? 'picker__item is-active' : 'picker__item'}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                void choose(template);
              }}
            >
              <span className="picker__code">/{template.shortCode}</span>
              <span className="picker__name">{template.name}</span>
              {template === current ? <span className="picker__preview">{previews[template.id] ?? template.body}</span> : null}
            </li>
          ))}
        </ul>
      )}
      <p className="picker__hint muted">{t('ui.picker.hint')}</p>
    </div>
  ) : null;

  return { open: mode !== null, followText, onKey, openWithButton, close, element };
}
