import type { ProductBody } from './bots-api.js';
import type { Product } from './types.js';

export const PRODUCT_FIELDS = ['name', 'price', 'currency', 'stock', 'photoUrl', 'sku', 'category', 'description', 'active'] as const;
export type ProductTextField = Exclude<(typeof PRODUCT_FIELDS)[number], 'active'>;
export type ProductDraft = Record<ProductTextField, string> & { active: boolean };

export function productDraft(product?: Product): ProductDraft {
  return {
    name: product?.name ?? '',
    price: product?.price ?? '',
    currency: product?.currency ?? 'RUB',
    stock: product?.stock === null || product?.stock === undefined ? '' : String(product.stock),
    photoUrl: product?.photoUrl ?? '',
    sku: product?.sku ?? '',
    category: product?.category ?? '',
    description: product?.description ?? '',
    active: product?.active ?? true,
  };
}

/** The body the API takes; what is not a number stays as typed, so the server can say why next to the field. */
export function productBody(draft: ProductDraft): ProductBody {
  const stock = draft.stock.trim();
  const orNull = (value: string) => value.trim() || null;
  return {
    name: draft.name.trim(),
    price: draft.price.trim().replace(',', '.').replace(/\s/g, ''),
    currency: draft.currency.trim().toUpperCase() || 'RUB',
    stock: stock === '' ? null : /^-?\d+$/.test(stock) ? Number(stock) : (stock as unknown as number),
    photoUrl: orNull(draft.photoUrl),
    sku: orNull(draft.sku),
    category: orNull(draft.category),
    description: orNull(draft.description),
    active: draft.active,
  };
}
