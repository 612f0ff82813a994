import type { LocalizedText } from '../bot-flow.contract.js';
import type { Cart, EngineContext, Locale } from './engine.types.js';
import { formatMoney, fromCents, lineTotal } from './money.js';

export function localize(text: LocalizedText | undefined, locale: Locale): string {
  if (text === undefined) return '';
  return typeof text === 'string' ? text : text[locale];
}

export function readPath(root: Record<string, unknown>, path: string): unknown {
  let value: unknown = root;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function writePath(root: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { ...root, [head]: value };
  const inner = root[head];
  return { ...root, [head]: writePath(inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {}, rest.join('.'), value) };
}

/** What {{…}} can name: the session's variables, the contact, and the cart with its formatted total. */
export function templateScope(variables: Record<string, unknown>, ctx: EngineContext): Record<string, unknown> {
  const cart = variables.cart as Cart | undefined;
  return {
    ...variables,
    contact: { ...ctx.contact.customFields, name: ctx.contact.name, phone: ctx.contact.phone, email: ctx.contact.email, tags: ctx.contact.tags },
    cart: cart
      ? {
          ...cart,
          count: cart.items.reduce((n, line) => n + line.quantity, 0),
          totalText: formatMoney(cart.total, cart.currency, ctx.locale),
          summary: cart.items.map((l) => `${l.name} × ${l.quantity} — ${formatMoney(fromCents(lineTotal(l.price, l.quantity)), cart.currency, ctx.locale)}`).join('\n'),
        }
      : { items: [], count: 0, total: '0.00', totalText: formatMoney('0', 'RUB', ctx.locale), summary: '' },
  };
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function render(template: string, variables: Record<string, unknown>, ctx: EngineContext): string {
  if (!template.includes('{{')) return template;
  const scope = templateScope(variables, ctx);
  return template.replace(/\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g, (_, path: string) => show(readPath(scope, path)));
}

export function text(value: LocalizedText | undefined, variables: Record<string, unknown>, ctx: EngineContext): string {
  return render(localize(value, ctx.locale), variables, ctx);
}
