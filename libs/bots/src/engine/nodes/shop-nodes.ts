import type { OrderFormField } from '../../bot-flow.contract.js';
import { normalizePhoneAnswer } from '../answer-validation.js';
import { pressedButton, type ReplyButton } from '../buttons.js';
import { addToCart, cartOf, removeFromCart, withLines } from '../cart.js';
import type { CatalogProduct } from '../engine.types.js';
import { formatMoney } from '../money.js';
import type { NodeHandler, Step, Transition } from '../step.js';
import { render, writePath } from '../templates.js';

const PRODUCT = 'p_';
const REMOVE = 'rm_';
// Four products, the page arrows and checkout: six rows, what VK's inline keyboards allow.
const PAGE_SIZE = 4;

function productsOf(step: Step, category: string | undefined): CatalogProduct[] {
  const folded = category?.trim().toLocaleLowerCase();
  return step.ctx.products.filter((p) => !folded || p.category?.trim().toLocaleLowerCase() === folded);
}

function priceOf(step: Step, product: Pick<CatalogProduct, 'price' | 'currency'>): string {
  return formatMoney(product.price, product.currency, step.ctx.locale);
}

function checkoutRow(step: Step): ReplyButton[] {
  const cart = cartOf(step.state.variables);
  if (cart.items.length === 0) return [];
  const count = cart.items.reduce((n, l) => n + l.quantity, 0);
  return [{ id: 'checkout', text: step.t('bots.catalog.checkout', { count, total: formatMoney(cart.total, cart.currency, step.ctx.locale) }) }];
}

function showPage(node: { text: Parameters<Step['text']>[0]; category?: string; pageSize?: number }, step: Step, page: number): Transition {
  const all = productsOf(step, node.category);
  if (all.length === 0) {
    step.say({ text: step.t('bots.catalog.empty') });
    return { type: 'go', branch: 'empty' };
  }
  const size = node.pageSize ?? PAGE_SIZE;
  const pages = Math.ceil(all.length / size);
  const current = Math.min(Math.max(page, 0), pages - 1);
  step.state.nodeState = { page: current };
  const rows: ReplyButton[][] = all.slice(current * size, current * size + size).map((p) => [{ id: PRODUCT + p.id, text: `${p.name} — ${priceOf(step, p)}` }]);
  rows.push([...(current > 0 ? [{ id: 'prev', text: step.t('bots.catalog.prev') }] : []), ...(current < pages - 1 ? [{ id: 'more', text: step.t('bots.catalog.next') }] : [])]);
  rows.push(checkoutRow(step));
  return step.offer({ text: step.text(node.text), buttons: rows });
}

function productCard(step: Step, product: CatalogProduct): Transition {
  step.state.nodeState = { ...step.state.nodeState, productId: product.id };
  const lines = [product.name, priceOf(step, product), product.description ?? '', product.stock !== null ? step.t('bots.catalog.in_stock', { stock: product.stock }) : ''];
  return step.offer({
    text: lines.filter(Boolean).join('\n'),
    ...(product.photoUrl ? { mediaUrl: product.photoUrl } : {}),
    buttons: [[{ id: 'add', text: step.t('bots.catalog.add') }], [{ id: 'back', text: step.t('bots.catalog.back') }]],
  });
}

/** Pages of product buttons → a product card → "add" stores it in `product` and goes on ("next"). */
export const catalogNode: NodeHandler<'catalog'> = {
  enter(node, step) {
    return showPage(node, step, 0);
  },
  receive(node, input, step) {
    const pressed = pressedButton(input, step.state.nodeState.offered);
    const page = step.state.nodeState.page ?? 0;
    if (pressed === 'checkout') return { type: 'go', branch: 'checkout' };
    if (pressed === 'more' || pressed === 'prev') return showPage(node, step, page + (pressed === 'more' ? 1 : -1));
    if (pressed === 'back') return showPage(node, step, page);
    if (pressed?.startsWith(PRODUCT)) {
      const product = step.ctx.products.find((p) => p.id === pressed.slice(PRODUCT.length));
      return product ? productCard(step, product) : showPage(node, step, page);
    }
    if (pressed === 'add') {
      const product = step.ctx.products.find((p) => p.id === step.state.nodeState.productId);
      if (!product) return showPage(node, step, page);
      if (product.stock !== null && product.stock <= 0) {
        step.say({ text: step.t('bots.catalog.out_of_stock', { name: product.name }) });
        return showPage(node, step, page);
      }
      step.state.variables = writePath(step.state.variables, 'product', { id: product.id, name: product.name, price: product.price, currency: product.currency, sku: product.sku });
      return { type: 'go', branch: 'next' };
    }
    step.say({ text: step.t('bots.choose_button') });
    return showPage(node, step, page);
  },
};

interface ChosenProduct {
  id: string;
  name: string;
  price: string;
  currency: string;
  sku?: string | null;
}

function showCart(node: { text?: Parameters<Step['text']>[0] }, step: Step): Transition {
  const cart = cartOf(step.state.variables);
  if (cart.items.length === 0) {
    step.say({ text: step.t('bots.cart.empty') });
    return { type: 'go', branch: 'empty' };
  }
  const money = (amount: string) => formatMoney(amount, cart.currency, step.ctx.locale);
  const lines = cart.items.map((l, i) => `${i + 1}) ${l.name} × ${l.quantity} — ${money(withLines([l], cart.currency).total)}`);
  const header = node.text ? step.text(node.text) : step.t('bots.cart.title');
  return step.offer({
    text: [header, ...lines, step.t('bots.cart.total', { total: money(cart.total) })].join('\n'),
    buttons: [
      [{ id: 'checkout', text: step.t('bots.cart.checkout') }, { id: 'back', text: step.t('bots.cart.continue') }],
      // Two removals a row keep the keyboard within the rows small screens (and VK) allow.
      ...pairs(cart.items.map((l) => ({ id: REMOVE + l.productId, text: step.t('bots.cart.remove', { name: l.name }) }))),
    ],
  });
}

function pairs<T>(items: T[]): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += 2) rows.push(items.slice(i, i + 2));
  return rows;
}

/** add / remove / clear change the cart and go on; show lists it and waits for checkout, back or a removal. */
export const cartNode: NodeHandler<'cart'> = {
  enter(node, step) {
    const cart = cartOf(step.state.variables);
    const product = step.state.variables.product as ChosenProduct | undefined;
    switch (node.action) {
      case 'show':
        return showCart(node, step);
      case 'clear':
        step.state.variables = writePath(step.state.variables, 'cart', withLines([], cart.currency));
        return { type: 'go', branch: 'next' };
      case 'remove':
        if (!product) return { type: 'go', branch: 'error' };
        step.state.variables = writePath(step.state.variables, 'cart', removeFromCart(cart, product.id));
        return { type: 'go', branch: 'next' };
      case 'add': {
        if (!product) return { type: 'go', branch: 'error' };
        const quantity = node.quantity ?? 1;
        const stock = step.ctx.products.find((p) => p.id === product.id)?.stock ?? null;
        const inCart = cart.items.find((l) => l.productId === product.id)?.quantity ?? 0;
        if (stock !== null && inCart + quantity > stock) {
          step.say({ text: step.t('bots.cart.not_enough', { name: product.name, stock: Math.max(stock - inCart, 0) }) });
          return { type: 'go', branch: 'error' };
        }
        const updated = addToCart(cart, { productId: product.id, name: product.name, sku: product.sku ?? null, price: product.price, quantity }, product.currency);
        step.state.variables = writePath(step.state.variables, 'cart', updated);
        const total = formatMoney(updated.total, updated.currency, step.ctx.locale);
        step.say({ text: node.text ? step.text(node.text) : step.t('bots.cart.added', { name: product.name, quantity, total }) });
        return { type: 'go', branch: 'next' };
      }
    }
  },
  receive(node, input, step) {
    const pressed = pressedButton(input, step.state.nodeState.offered);
    if (pressed === 'checkout' || pressed === 'back') return { type: 'go', branch: pressed };
    if (pressed?.startsWith(REMOVE)) {
      step.state.variables = writePath(step.state.variables, 'cart', removeFromCart(cartOf(step.state.variables), pressed.slice(REMOVE.length)));
      return showCart(node, step);
    }
    step.say({ text: step.t('bots.choose_button') });
    return showCart(node, step);
  },
};

const FIELD_VARIABLE: Record<OrderFormField, string> = { name: 'order.name', phone: 'order.phone', address: 'order.address', delivery_time: 'order.deliveryTime' };

function checkField(field: OrderFormField, answer: string): string | null {
  const value = answer.trim();
  switch (field) {
    case 'phone':
      return normalizePhoneAnswer(value);
    case 'address':
      return value.length >= 5 && value.length <= 500 ? value : null;
    default:
      return value.length >= 1 && value.length <= 200 ? value : null;
  }
}

function askField(node: Parameters<typeof orderFormNode.enter>[0], step: Step, index: number): Transition {
  step.state.nodeState = { field: index };
  const field = node.fields[index];
  const prompt = node.prompts?.[field];
  step.say({ text: prompt ? step.text(prompt) : step.t(`bots.form.${field}`) });
  return { type: 'wait' };
}

/** Asks name, phone, address, delivery time in turn into `order.*`, each checked. */
export const orderFormNode: NodeHandler<'order_form'> = {
  enter(node, step) {
    return askField(node, step, 0);
  },
  receive(node, input, step) {
    const index = step.state.nodeState.field ?? 0;
    const field = node.fields[index];
    const value = checkField(field, input.kind === 'text' ? input.text : (input.text ?? ''));
    if (value === null) {
      step.say({ text: field === 'phone' ? step.t('bots.retry.phone') : step.t(`bots.form.retry.${field}`) });
      return { type: 'wait' };
    }
    step.state.variables = writePath(step.state.variables, FIELD_VARIABLE[field], value);
    return index + 1 < node.fields.length ? askField(node, step, index + 1) : { type: 'go', branch: 'next' };
  },
};

/** Asks for a deal with the cart as line items; its id, title and amount land in `deal`. */
export const createDealNode: NodeHandler<'create_deal'> = {
  enter(node, step) {
    const cart = cartOf(step.state.variables);
    const name = (step.state.variables.order as { name?: string } | undefined)?.name ?? step.ctx.contact.name ?? '';
    const title = node.dealTitle ? render(node.dealTitle, step.state.variables, step.ctx) : step.t('bots.deal_title', { name });
    return {
      type: 'effect',
      effect: {
        kind: 'create_deal',
        title: title.trim() || step.t('bots.deal_title', { name: '—' }),
        ...(node.pipelineId ? { pipelineId: node.pipelineId } : {}),
        ...(node.stageId ? { stageId: node.stageId } : {}),
        items: cart.items,
        amount: cart.total,
        currency: cart.currency,
        notifyOwner: node.notifyOwner ?? true,
      },
    };
  },
  resume(node, input, step) {
    if (!input.ok) return { type: 'go', branch: 'error' };
    const deal = input.value as { amount?: string; currency?: string } | null | undefined;
    const amountText = deal?.amount && deal.currency ? formatMoney(deal.amount, deal.currency, step.ctx.locale) : undefined;
    step.state.variables = writePath(step.state.variables, 'deal', deal && typeof deal === 'object' ? { ...deal, ...(amountText ? { amountText } : {}) } : null);
    if (node.clearCart ?? true) step.state.variables = writePath(step.state.variables, 'cart', withLines([], cartOf(step.state.variables).currency));
    return { type: 'go', branch: 'next' };
  },
};
