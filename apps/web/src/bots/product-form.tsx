import { useState, type FormEvent } from 'react';
import { useApp } from '../app-context.js';
import { FieldError } from '../ui/bits.js';
import { useFormErrors } from '../ui/use-form-errors.js';
import type { ProductBody } from './bots-api.js';
import { PRODUCT_FIELDS, productBody, productDraft, type ProductTextField } from './product-draft.js';
import type { Product } from './types.js';

const LABELS: Record<ProductTextField, `ui.bots.product.${ProductTextField}`> = {
  name: 'ui.bots.product.name',
  price: 'ui.bots.product.price',
  currency: 'ui.bots.product.currency',
  stock: 'ui.bots.product.stock',
  photoUrl: 'ui.bots.product.photoUrl',
  sku: 'ui.bots.product.sku',
  category: 'ui.bots.product.category',
  description: 'ui.bots.product.description',
};

interface Props {
  product?: Product;
  onSubmit(body: ProductBody): Promise<Product>;
  onDone(product: Product): void;
  onCancel(): void;
}

export function ProductForm({ product, onSubmit, onDone, onCancel }: Props) {
  const { t } = useApp();
  const [draft, setDraft] = useState(() => productDraft(product));
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear } = useFormErrors(PRODUCT_FIELDS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    setBusy(true);
    try {
      onDone(await onSubmit(productBody(draft)));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  const input = (field: ProductTextField, extra: { placeholder?: string; inputMode?: 'decimal' | 'numeric' | 'url' } = {}) => (
    <label key={field} className={`field bots-product-form__${field}`}>
      <span>{t(LABELS[field])}</span>
      <input className="input" value={draft[field]} aria-invalid={Boolean(errors.fields[field])} onChange={(e) => setDraft({ ...draft, [field]: e.target.value })} {...extra} />
      <FieldError message={errors.fields[field]} />
    </label>
  );

  return (
    <form className="form bots-product-form" onSubmit={submit} noValidate aria-label={product ? t('ui.bots.product.edit') : t('ui.bots.product.new')}>
      {errors.form ? <p className="notice notice--error">{errors.form}</p> : null}
      <div className="bots-product-form__grid">
        {input('name')}
        {input('price', { inputMode: 'decimal', placeholder: '1500.00' })}
        {input('currency')}
        {input('stock', { inputMode: 'numeric', placeholder: t('ui.bots.product.stock_unlimited') })}
        {input('photoUrl', { inputMode: 'url', placeholder: 'https://' })}
        {input('sku')}
        {input('category')}
        {input('description')}
      </div>
      <label className="bots-check">
        <input type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} />
        {t('ui.bots.product.active')}
      </label>
      <FieldError message={errors.fields.active} />
      <div className="form__actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('ui.action.cancel')}
        </button>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {product ? t('ui.action.save') : t('ui.action.create')}
        </button>
      </div>
    </form>
  );
}
