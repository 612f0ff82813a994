import type { Cart, CartLine } from './engine.types.js';
import { fromCents, lineTotal } from './money.js';

export function cartOf(variables: Record<string, unknown>): Cart {
  const cart = variables.cart as Cart | undefined;
  return cart && Array.isArray(cart.items) ? cart : { items: [], total: '0.00', currency: 'RUB' };
}

export function withLines(items: CartLine[], currency: string): Cart {
  const total = items.reduce((sum, line) => sum + lineTotal(line.price, line.quantity), 0n);
  return { items, total: fromCents(total), currency };
}

export function addToCart(cart: Cart, line: CartLine, currency: string): Cart {
  const existing = cart.items.find((l) => l.productId === line.productId);
  const items = existing
    ? cart.items.map((l) => (l.productId === line.productId ? { ...l, quantity: l.quantity + line.quantity, price: line.price } : l))
    : [...cart.items, line];
  return withLines(items, cart.items.length ? cart.currency : currency);
}

export function removeFromCart(cart: Cart, productId: string): Cart {
  return withLines(cart.items.filter((l) => l.productId !== productId), cart.currency);
}
