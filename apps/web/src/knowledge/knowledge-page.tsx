import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { useApp } from '../app-context.js';
import { Empty } from '../ui/bits.js';
import { ArticleEditor } from './article-editor.js';
import { ArticleList } from './article-list.js';
import { NEW_ARTICLE } from './article-draft.js';
import { CategorySidebar } from './category-sidebar.js';
import type { KbCategory } from './types.js';

/** Knowledge base: sections on the left, the articles of the chosen one, and the article being edited. */
export function KnowledgePage({ articleId }: { articleId: string | null }) {
  const { t, me, navigate } = useApp();
  const canEdit = me?.role === 'admin' || me?.role === 'supervisor';
  const [categories, setCategories] = useState<KbCategory[]>([]);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  const loadCategories = useCallback(() => {
    api
      .get<{ items: KbCategory[] }>('/knowledge/categories')
      .then((r) => setCategories(r.items))
      .catch(() => setCategories([]));
  }, []);
  useEffect(loadCategories, [loadCategories, version]);

  const open = (id: string | null) => navigate({ page: 'knowledge', articleId: id });
  const changed = () => setVersion((v) => v + 1);

  return (
    <div className={articleId ? 'knowledge knowledge--detail' : 'knowledge'}>
      <CategorySidebar categories={categories} selected={categoryId} canEdit={canEdit} onSelect={setCategoryId} onChanged={changed} />
      <div className="knowledge__middle">
        <header className="page-head knowledge__head">
          <h1>{t('ui.nav.knowledge')}</h1>
          {canEdit ? (
            <button type="button" className="btn btn--small btn--primary" onClick={() => open(NEW_ARTICLE)}>
              + {t('ui.kb.article_new')}
            </button>
          ) : null}
        </header>
        <ArticleList categoryId={categoryId} selectedId={articleId} version={version} onOpen={open} />
      </div>
      <section className="knowledge__detail">
        {articleId ? (
          <>
            <button type="button" className="btn btn--ghost detail__back" onClick={() => open(null)}>
              ← {t('ui.nav.knowledge')}
            </button>
            <ArticleEditor
              key={articleId}
              articleId={articleId}
              categories={categories}
              categoryId={categoryId}
              canEdit={canEdit}
              onSaved={(article) => {
                changed();
                if (articleId === NEW_ARTICLE) navigate({ page: 'knowledge', articleId: article.id }, { replace: true });
              }}
              onDeleted={() => {
                changed();
                open(null);
              }}
            />
          </>
        ) : (
          <Empty>{t('ui.kb.pick')}</Empty>
        )}
      </section>
    </div>
  );
}
