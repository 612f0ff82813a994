import { Fragment, useState } from 'react';
import { useApp } from '../app-context.js';
import { formatAmount } from '../format.js';
import { Empty, Spinner } from '../ui/bits.js';
import { botsApi, canEditBots, errorText } from './bots-api.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { ProductForm } from './product-form.js';
import type { Product } from './types.js';
import { useSearchPages } from '../ui/use-search-pages.js';

/** The catalog bots offer from: names, prices, stock and photos. */
export function ProductsPage() {
  const { t, me, locale, notify } = useApp();
  const { q, setQ, items, setItems, cursor, error, load } = useSearchPages(botsApi.listProducts);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Product | null>(null);
  const editor = canEditBots(me?.role);
  const columns = editor ? 6 : 5;

  const replace = (product: Product) => setItems((list) => list?.map((p) => (p.id === product.id ? product : p)) ?? list);

  async function remove(product: Product) {
    try {
      await botsApi.deleteProduct(product.id);
      setItems((list) => list?.filter((p) => p.id !== product.id) ?? list);
      notify(t('ui.bots.product.deleted', { name: product.name }));
    } catch (caught) {
      notify(errorText(caught), 'error');
    } finally {
      setDeleting(null);
    }
  }

  return (
    <section className="bots-products" aria-label={t('ui.bots.tab.products')}>
      <header className="page-head">
        <h1>{t('ui.bots.tab.products')}</h1>
        <input type="search" className="input input--search bots-list__search" placeholder={t('ui.bots.product.search')} aria-label={t('ui.bots.product.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        {editor ? (
          <button type="button" className="btn btn--small btn--primary" onClick={() => setAdding((v) => !v)} aria-expanded={adding}>
            + {t('ui.bots.product.new')}
          </button>
        ) : null}
      </header>
      {adding ? (
        <div className="card bots-products__new">
          <ProductForm
            onSubmit={(body) => botsApi.createProduct(body)}
            onCancel={() => setAdding(false)}
            onDone={(product) => {
              setAdding(false);
              setItems((list) => [product, ...(list ?? [])]);
              notify(t('ui.bots.product.created', { name: product.name }));
            }}
          />
        </div>
      ) : null}
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {items === null && !error ? <Spinner label={t('ui.loading')} /> : null}
      {items && items.length === 0 ? <Empty>{t('ui.bots.product.empty')}</Empty> : null}
      {items && items.length > 0 ? (
        <table className="bots-table">
          <thead>
            <tr>
              <th>{t('ui.bots.product.name')}</th>
              <th>{t('ui.bots.product.price')}</th>
              <th>{t('ui.bots.product.stock')}</th>
              <th>{t('ui.bots.product.category')}</th>
              <th>{t('ui.bots.product.active')}</th>
              {editor ? <th aria-label={t('ui.bots.col.actions')} /> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <Fragment key={p.id}>
                <tr data-product-id={p.id} className={p.active ? undefined : 'is-inactive'}>
                  <td>
                    <span className="bots-product">
                      {p.photoUrl ? <img className="bots-product__photo" src={p.photoUrl} alt="" loading="lazy" /> : <span className="bots-product__photo" aria-hidden="true" />}
                      <span>
                        <span className="bots-table__name">{p.name}</span>
                        {p.sku ? <span className="muted bots-table__sub">{p.sku}</span> : null}
                      </span>
                    </span>
                  </td>
                  <td className="bots-table__num">{formatAmount(p.price, p.currency, locale)}</td>
                  <td className="bots-table__num">{p.stock === null ? t('ui.bots.product.stock_unlimited') : p.stock}</td>
                  <td>{p.category ?? '—'}</td>
                  <td>{p.active ? <span className="chip chip--done">{t('ui.bots.product.on_sale')}</span> : <span className="chip">{t('ui.bots.product.hidden')}</span>}</td>
                  {editor ? (
                    <td className="bots-table__actions">
                      <button type="button" className="btn btn--small btn--ghost" onClick={() => setEditing(editing === p.id ? null : p.id)}>
                        {t('ui.action.edit')}
                      </button>
                      <button type="button" className="btn btn--small btn--ghost" onClick={() => setDeleting(p)}>
                        {t('ui.bots.delete')}
                      </button>
                    </td>
                  ) : null}
                </tr>
                {editing === p.id ? (
                  <tr className="bots-table__form">
                    <td colSpan={columns}>
                      <ProductForm
                        product={p}
                        onSubmit={(body) => botsApi.updateProduct(p.id, body)}
                        onCancel={() => setEditing(null)}
                        onDone={(updated) => {
                          replace(updated);
                          setEditing(null);
                          notify(t('ui.bots.product.saved', { name: updated.name }));
                        }}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      ) : null}
      {cursor ? (
        <button type="button" className="btn btn--small bots-list__more" onClick={() => void load(cursor)}>
          {t('ui.bots.more')}
        </button>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('ui.bots.product.delete_title', { name: deleting.name })}
          text={t('ui.bots.product.delete_text')}
          confirmLabel={t('ui.bots.delete')}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </section>
  );
}
