import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { Page } from '../api/types.js';
import { useApp } from '../app-context.js';
import { Empty, Spinner } from '../ui/bits.js';
import type { KbArticleSummary, KbSearchHit } from './types.js';

interface Props {
  categoryId: string | null;
  selectedId: string | null;
  /** Changes after a save or a delete: the list is loaded again. */
  version: number;
  onOpen(articleId: string): void;
}

const SEARCH_DELAY_MS = 250;

/** Articles of a section, newest first; typing searches the whole knowledge base with stemming. */
export function ArticleList({ categoryId, selectedId, version, onOpen }: Props) {
  const { t } = useApp();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<KbArticleSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    const query = q.trim();
    const timer = setTimeout(
      () => {
        const loading = query
          ? api.get<{ items: KbSearchHit[] }>('/knowledge/search', { q: query, limit: 50 }).then((r) => ({ items: r.items.filter((a) => !categoryId || a.categoryId === categoryId), nextCursor: null }))
          : api.get<Page<KbArticleSummary>>('/knowledge/articles', { categoryId, limit: 50 });
        loading
          .then((page) => {
            if (stale) return;
            setItems(page.items);
            setCursor(page.nextCursor);
          })
          .catch(() => !stale && setItems([]));
      },
      query ? SEARCH_DELAY_MS : 0,
    );
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [q, categoryId, version]);

  async function more() {
    if (!cursor) return;
    const page = await api.get<Page<KbArticleSummary>>('/knowledge/articles', { categoryId, limit: 50, cursor });
    setItems((shown) => [...(shown ?? []), ...page.items]);
    setCursor(page.nextCursor);
  }

  return (
    <section className="knowledge__list" aria-label={t('ui.nav.knowledge')}>
      <div className="list-head">
        <input className="input input--search" type="search" value={q} placeholder={t('ui.kb.search')} aria-label={t('ui.kb.search')} onChange={(e) => setQ(e.target.value)} />
      </div>
      {items === null ? <Spinner label={t('ui.loading')} /> : null}
      {items && !items.length ? <Empty>{q.trim() ? t('ui.kb.nothing_found') : t('ui.kb.empty')}</Empty> : null}
      <ul className="rows knowledge__articles">
        {(items ?? []).map((a) => (
          <li key={a.id}>
            <a
              href={`/knowledge/${a.id}`}
              className={a.id === selectedId ? 'row is-selected' : 'row'}
              onClick={(e) => {
                e.preventDefault();
                onOpen(a.id);
              }}
            >
              <span className="row__main">
                <span className="row__title">{a.title}</span>
                <span className="muted row__sub">{a.summary || a.slug}</span>
              </span>
              <span className="chip">{a.locale}</span>
              <span className={a.status === 'published' ? 'chip chip--done' : 'chip chip--wait'}>{t(`ui.kb.status.${a.status}`)}</span>
            </a>
          </li>
        ))}
      </ul>
      {cursor && !q.trim() ? (
        <button type="button" className="btn btn--ghost btn--block" onClick={() => void more()}>
          {t('ui.kb.more')}
        </button>
      ) : null}
    </section>
  );
}
