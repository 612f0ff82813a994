import { describe, expect, it } from 'vitest';
import { productBody, productDraft } from './product-draft.js';

describe('productBody', () => {
  it('sends a decimal price with a dot, an empty stock as unlimited and empty texts as null', () => {
    const draft = { ...productDraft(), name: ' Пицца ', price: '1 590,50', currency: 'rub', stock: '' };
    expect(productBody(draft)).toEqual({ name: 'Пицца', price: '1590.50', currency: 'RUB', stock: null, photoUrl: null, sku: null, category: null, description: null, active: true });
  });

  it('sends a whole stock as a number and anything else as typed, for the server to refuse next to the field', () => {
    expect(productBody({ ...productDraft(), stock: '12' }).stock).toBe(12);
    expect(productBody({ ...productDraft(), stock: 'many' }).stock).toBe('many');
  });

  it('fills the form from a product and back without changes', () => {
    const product = { id: 'p', name: 'Кола', description: 'Холодная', price: '120.00', currency: 'RUB', photoUrl: 'https://x/y.png', stock: 0, sku: 'K-1', category: 'Напитки', active: false, createdAt: '', updatedAt: '' };
    const { id: _id, createdAt: _c, updatedAt: _u, ...body } = product;
    expect(productBody(productDraft(product))).toEqual(body);
  });
});
