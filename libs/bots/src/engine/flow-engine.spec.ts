import { describe, expect, it } from 'vitest';
import { flowDocumentSchema, type FlowDocument } from '../bot-flow.contract.js';
import type { CatalogProduct, EngineContext, EngineInput, EngineResult, EngineState } from './engine.types.js';
import { advance, initialState } from './flow-engine.js';

const ctx = (over: Partial<EngineContext> = {}): EngineContext => ({
  locale: 'en',
  now: new Date('2026-06-01T09:30:00Z'),
  timeZone: 'Europe/Moscow',
  contact: { name: 'Anna', phone: '+79120000000', email: null, tags: ['vip'], customFields: { city: 'Kazan' } },
  products: [],
  ...over,
});

const doc = (d: unknown): FlowDocument => flowDocumentSchema.parse(d);

/** Runs the inputs one after another from the start, answering effects with `effect` (ok by default). */
function run(flow: FlowDocument, inputs: EngineInput[], context = ctx(), effect: (r: EngineResult) => EngineInput = () => ({ kind: 'effect', ok: true })) {
  const results: EngineResult[] = [];
  let state: EngineState = initialState();
  for (const input of [{ kind: 'start' } as EngineInput, ...inputs]) {
    let result = advance(flow, state, input, context);
    results.push(result);
    while (result.awaiting === 'effect') {
      result = advance(flow, result.state, effect(result), context);
      results.push(result);
    }
    state = result.state;
  }
  const last = results[results.length - 1];
  return { last, results, texts: results.flatMap((r) => r.replies.map((x) => x.text)), effects: results.flatMap((r) => r.effects) };
}

describe('flow engine', () => {
  describe('message', () => {
    it('sends text with variables and goes on by "next" when it has no buttons', () => {
      const flow = doc({ start: 'a', nodes: [{ id: 'a', type: 'message', text: { ru: 'Привет, {{contact.name}}', en: 'Hi, {{contact.name}}' } }, { id: 'b', type: 'end', text: 'Bye' }], edges: [{ from: 'a', to: 'b' }] });
      const { texts, last } = run(flow, []);
      expect(texts).toEqual(['Hi, Anna', 'Bye']);
      expect(last.state.status).toBe('ended');
      expect(last.effects).toEqual([{ kind: 'end' }]);
    });

    it('waits for a press and follows the edge of the pressed button, also when answered by its number', () => {
      const flow = doc({
        start: 'a',
        nodes: [
          { id: 'a', type: 'message', text: 'Pick', mediaUrl: 'https://example.com/a.jpg', buttons: [[{ id: 'yes', text: 'Yes' }, { id: 'no', text: 'No' }]] },
          { id: 'y', type: 'end', text: 'Yes!' },
          { id: 'n', type: 'end', text: 'No!' },
        ],
        edges: [{ from: 'a', to: 'y', on: 'yes' }, { from: 'a', to: 'n', on: 'no' }],
      });
      const first = run(flow, []);
      expect(first.last.replies[0]).toEqual({ text: 'Pick', mediaUrl: 'https://example.com/a.jpg', buttons: [[{ id: 'yes', text: 'Yes' }, { id: 'no', text: 'No' }]] });
      expect(first.last.awaiting).toBe('input');
      expect(run(flow, [{ kind: 'button', buttonId: 'no' }]).texts.at(-1)).toBe('No!');
      expect(run(flow, [{ kind: 'text', text: '1' }]).texts.at(-1)).toBe('Yes!');
      expect(run(flow, [{ kind: 'text', text: 'no' }]).texts.at(-1)).toBe('No!');
    });

    it('asks again with the buttons when the answer names no button', () => {
      const flow = doc({ start: 'a', nodes: [{ id: 'a', type: 'message', text: 'Pick', buttons: [[{ id: 'yes', text: 'Yes' }]] }], edges: [] });
      const { last } = run(flow, [{ kind: 'text', text: 'maybe' }]);
      expect(last.replies).toEqual([{ text: expect.stringContaining('choose one of the options'), buttons: [[{ id: 'yes', text: 'Yes' }]] }]);
      expect(last.state.status).toBe('waiting');
    });
  });

  describe('ask', () => {
    const askFlow = (kind: string, extra: Record<string, unknown> = {}) =>
      doc({ start: 'q', nodes: [{ id: 'q', type: 'ask', kind, text: 'Answer?', variable: 'answer', ...extra }, { id: 'done', type: 'end', text: 'Got {{answer}}' }, { id: 'bad', type: 'end', text: 'Too many' }], edges: [{ from: 'q', to: 'done' }, { from: 'q', to: 'bad', on: 'invalid' }] });

    it.each([
      ['text', ' hello ', 'hello'],
      ['number', '1 500,5', 1500.5],
      ['phone', '8 (912) 345-67-89', '+79123456789'],
      ['email', 'Anna@Example.com', 'anna@example.com'],
      ['date', '25.12.2026', '2026-12-25'],
    ])('stores a valid %s answer normalized', (kind, answer, stored) => {
      const { last } = run(askFlow(kind), [{ kind: 'text', text: answer }]);
      expect(last.state.variables.answer).toBe(stored);
      expect(last.state.status).toBe('ended');
    });

    it.each([
      ['number', 'many', 'Please send a number'],
      ['phone', '12', 'does not look like a phone number'],
      ['email', 'anna@', 'does not look like an e-mail'],
      ['date', '31.02.2026', 'Please send a date'],
    ])('answers an invalid %s with the retry message and waits again', (kind, answer, retry) => {
      const { last } = run(askFlow(kind), [{ kind: 'text', text: answer }]);
      expect(last.replies).toEqual([{ text: expect.stringContaining(retry) }]);
      expect(last.state).toMatchObject({ nodeId: 'q', status: 'waiting', variables: {} });
    });

    it('sends the node\'s own retry text and takes "invalid" after maxRetries wrong answers', () => {
      const flow = askFlow('number', { retryText: { ru: 'Число от 1 до 5', en: 'A number from 1 to 5' }, min: 1, max: 5, maxRetries: 1 });
      const once = run(flow, [{ kind: 'text', text: '9' }]);
      expect(once.last.replies).toEqual([{ text: 'A number from 1 to 5' }]);
      expect(run(flow, [{ kind: 'text', text: '9' }, { kind: 'text', text: '0' }]).texts.at(-1)).toBe('Too many');
    });

    it('stores the pressed button of a choice and follows its edge', () => {
      const flow = doc({
        start: 'q',
        nodes: [{ id: 'q', type: 'ask', kind: 'choice', text: 'Size?', variable: 'size', buttons: [[{ id: 's', text: 'S' }, { id: 'm', text: 'M' }]] }, { id: 'e', type: 'end', text: 'Size {{size}}' }],
        edges: [{ from: 'q', to: 'e', on: 'm' }],
      });
      expect(run(flow, [{ kind: 'text', text: '2' }]).texts.at(-1)).toBe('Size m');
    });
  });

  describe('set and condition', () => {
    const flow = doc({
      start: 's',
      nodes: [
        { id: 's', type: 'set', assignments: [{ variable: 'greeting', value: 'Hello {{contact.name}}' }, { variable: 'order.count', value: '3' }] },
        { id: 'c', type: 'condition', match: 'all', rules: [{ source: 'variable', field: 'order.count', op: 'gte', value: '2' }, { source: 'contact', field: 'tags', op: 'contains', value: 'VIP' }] },
        { id: 'yes', type: 'end', text: '{{greeting}}: many' },
        { id: 'no', type: 'end', text: 'few' },
      ],
      edges: [{ from: 's', to: 'c' }, { from: 'c', to: 'yes', on: 'true' }, { from: 'c', to: 'no', on: 'false' }],
    });

    it('sets variables from templates and branches "true" when every rule holds', () => {
      expect(run(flow, []).texts).toEqual(['Hello Anna: many']);
    });

    it('branches "false" when a contact field rule fails', () => {
      expect(run(flow, [], ctx({ contact: { name: 'Bo', phone: null, email: null, tags: [], customFields: {} } })).texts).toEqual(['few']);
    });

    it('checks the time of day in the workspace time zone, across midnight too', () => {
      const timeFlow = (from: string, to: string) =>
        doc({ start: 'c', nodes: [{ id: 'c', type: 'condition', rules: [{ source: 'time', op: 'between', value: from, valueTo: to }] }, { id: 'in', type: 'end', text: 'open' }, { id: 'out', type: 'end', text: 'closed' }], edges: [{ from: 'c', to: 'in', on: 'true' }, { from: 'c', to: 'out', on: 'false' }] });
      // 09:30 UTC is 12:30 in Moscow.
      expect(run(timeFlow('09:00', '18:00'), []).texts).toEqual(['open']);
      expect(run(timeFlow('13:00', '18:00'), []).texts).toEqual(['closed']);
      expect(run(timeFlow('22:00', '13:00'), []).texts).toEqual(['open']);
    });
  });

  describe('catalog, cart, order form and deal', () => {
    const products: CatalogProduct[] = [
      { id: '0190a000-0000-7000-8000-000000000001', name: 'Pizza', description: 'Big', price: '1500.00', currency: 'RUB', photoUrl: 'https://example.com/pizza.jpg', stock: 5, sku: 'PZ', category: 'food' },
      { id: '0190a000-0000-7000-8000-000000000002', name: 'Cola', description: null, price: '250.50', currency: 'RUB', photoUrl: null, stock: null, sku: null, category: 'food' },
      { id: '0190a000-0000-7000-8000-000000000003', name: 'Mug', description: null, price: '400.00', currency: 'RUB', photoUrl: null, stock: 0, sku: null, category: 'merch' },
    ];
    const shop = doc({
      start: 'cat',
      nodes: [
        { id: 'cat', type: 'catalog', text: 'Menu', category: 'food', pageSize: 1 },
        { id: 'add', type: 'cart', action: 'add' },
        { id: 'show', type: 'cart', action: 'show' },
        { id: 'form', type: 'order_form', fields: ['name', 'phone', 'address', 'delivery_time'] },
        { id: 'deal', type: 'create_deal', notifyOwner: true },
        { id: 'done', type: 'end', text: 'Order {{deal.id}} for {{deal.amount}}' },
      ],
      edges: [
        { from: 'cat', to: 'add' },
        { from: 'add', to: 'cat' },
        { from: 'cat', to: 'show', on: 'checkout' },
        { from: 'show', to: 'form', on: 'checkout' },
        { from: 'show', to: 'cat', on: 'back' },
        { from: 'form', to: 'deal' },
        { from: 'deal', to: 'done' },
      ],
    });
    const pizza = `p_${products[0].id}`;
    const cola = `p_${products[1].id}`;

    it('pages the products of the category, shows a card with the photo and adds to the cart', () => {
      const c = ctx({ products });
      const start = run(shop, [], c);
      expect(start.last.replies[0].buttons).toEqual([[{ id: pizza, text: expect.stringMatching(/^Pizza — RUB\s?1,500$/) }], [{ id: 'more', text: 'More ▶' }]]);
      const card = run(shop, [{ kind: 'button', buttonId: pizza }], c);
      expect(card.last.replies[0]).toMatchObject({ text: expect.stringContaining('In stock: 5'), mediaUrl: 'https://example.com/pizza.jpg' });
      const added = run(shop, [{ kind: 'button', buttonId: pizza }, { kind: 'button', buttonId: 'add' }], c);
      expect(added.last.state.variables.cart).toEqual({ items: [{ productId: products[0].id, name: 'Pizza', sku: 'PZ', price: '1500.00', quantity: 1 }], total: '1500.00', currency: 'RUB' });
      expect(added.last.replies.at(-1)!.buttons!.at(-1)).toEqual([{ id: 'checkout', text: expect.stringContaining('Checkout (1)') }]);
      const paged = run(shop, [{ kind: 'button', buttonId: 'more' }], c);
      expect(paged.last.replies[0].buttons![0]).toEqual([{ id: cola, text: expect.stringContaining('Cola') }]);
    });

    it('refuses more than the stock with the "error" branch', () => {
      const c = ctx({ products });
      const steps: EngineInput[] = [];
      for (let i = 0; i < 6; i += 1) steps.push({ kind: 'button', buttonId: pizza }, { kind: 'button', buttonId: 'add' });
      const { last, texts } = run(shop, steps, c);
      expect(texts).toContain('Sorry, only 0 of Pizza left.');
      expect((last.state.variables.cart as { items: Array<{ quantity: number }> }).items[0].quantity).toBe(5);
    });

    it('runs catalog → cart → form → deal with line items and the exact total', () => {
      const c = ctx({ products });
      const { effects, texts, last } = run(
        shop,
        [
          { kind: 'button', buttonId: pizza },
          { kind: 'button', buttonId: 'add' },
          { kind: 'button', buttonId: pizza },
          { kind: 'button', buttonId: 'add' },
          { kind: 'button', buttonId: 'more' },
          { kind: 'button', buttonId: cola },
          { kind: 'button', buttonId: 'add' },
          { kind: 'button', buttonId: 'checkout' },
          { kind: 'text', text: '1' },
          { kind: 'text', text: 'Anna' },
          { kind: 'text', text: 'not a phone' },
          { kind: 'text', text: '+7 912 000-11-22' },
          { kind: 'text', text: 'Kazan, Lenina 1' },
          { kind: 'text', text: 'tomorrow 10-12' },
        ],
        c,
        () => ({ kind: 'effect', ok: true, value: { id: 'D-1', amount: '3250.50' } }),
      );
      expect(texts).toContain('That does not look like a phone number. Please send it with the country code, e.g. +7 912 345-67-89.');
      expect(effects).toContainEqual({
        kind: 'create_deal',
        title: 'Order from Anna',
        items: [
          { productId: products[0].id, name: 'Pizza', sku: 'PZ', price: '1500.00', quantity: 2 },
          { productId: products[1].id, name: 'Cola', sku: null, price: '250.50', quantity: 1 },
        ],
        amount: '3250.50',
        currency: 'RUB',
        notifyOwner: true,
      });
      expect(last.state.variables.order).toEqual({ name: 'Anna', phone: '+79120001122', address: 'Kazan, Lenina 1', deliveryTime: 'tomorrow 10-12' });
      expect(texts.at(-1)).toBe('Order D-1 for 3250.50');
      expect((last.state.variables.cart as { items: unknown[] }).items).toEqual([]);
    });

    it('removes a line from the shown cart and goes "empty" when nothing is left', () => {
      const flow = doc({ ...shop, edges: [...shop.edges, { from: 'show', to: 'cat', on: 'empty' }] });
      const { last } = run(flow, [{ kind: 'button', buttonId: pizza }, { kind: 'button', buttonId: 'add' }, { kind: 'button', buttonId: 'checkout' }, { kind: 'button', buttonId: `rm_${products[0].id}` }], ctx({ products }));
      expect(last.replies.map((r) => r.text)).toEqual(['Your cart is empty.', 'Menu']);
      expect(last.state.nodeId).toBe('cat');
    });

    it('takes "empty" when no product of the category is on sale', () => {
      const { texts, last } = run(shop, [], ctx({ products: [] }));
      expect(texts).toEqual(['Sorry, there is nothing on sale right now.']);
      expect(last.state.status).toBe('ended');
    });

    it('takes "error" when the deal could not be created', () => {
      const flow = doc({ start: 'deal', nodes: [{ id: 'deal', type: 'create_deal' }, { id: 'ok', type: 'end', text: 'ok' }, { id: 'err', type: 'handoff', text: 'A manager will help' }], edges: [{ from: 'deal', to: 'ok' }, { from: 'deal', to: 'err', on: 'error' }] });
      const { texts, last } = run(flow, [], ctx(), () => ({ kind: 'effect', ok: false, error: 'boom' }));
      expect(texts).toEqual(['A manager will help']);
      expect(last.state.status).toBe('handoff');
    });
  });

  describe('task, http, handoff, faq, timeout', () => {
    it('asks for a task with the rendered title and goes on', () => {
      const flow = doc({ start: 't', nodes: [{ id: 't', type: 'create_task', taskTitle: 'Call {{contact.name}}', dueInMinutes: 30 }], edges: [] });
      expect(run(flow, []).effects).toEqual([{ kind: 'create_task', title: 'Call Anna', dueInMinutes: 30 }, { kind: 'end' }]);
    });

    it('asks for an HTTP call, stores the answer in saveAs, and takes "error" when it failed', () => {
      const flow = doc({
        start: 'h',
        nodes: [{ id: 'h', type: 'http', method: 'POST', url: 'https://erp.example.com/orders?phone={{contact.phone}}', body: '{"n":"{{contact.name}}"}', timeoutMs: 2000, saveAs: 'erp' }, { id: 'ok', type: 'end', text: 'Status {{erp.status}}' }, { id: 'err', type: 'end', text: 'ERP is down' }],
        edges: [{ from: 'h', to: 'ok' }, { from: 'h', to: 'err', on: 'error' }],
      });
      const ok = run(flow, [], ctx(), () => ({ kind: 'effect', ok: true, value: { status: 'paid' } }));
      expect(ok.effects[0]).toEqual({ kind: 'http', method: 'POST', url: 'https://erp.example.com/orders?phone=+79120000000', headers: {}, body: '{"n":"Anna"}', timeoutMs: 2000 });
      expect(ok.texts).toEqual(['Status paid']);
      expect(run(flow, [], ctx(), () => ({ kind: 'effect', ok: false })).texts).toEqual(['ERP is down']);
    });

    it('hands off with the collected variables and the team', () => {
      const flow = doc({ start: 's', nodes: [{ id: 's', type: 'set', assignments: [{ variable: 'topic', value: 'refund' }] }, { id: 'h', type: 'handoff', text: 'Connecting you', teamId: '0190a000-0000-7000-8000-0000000000aa' }], edges: [{ from: 's', to: 'h' }] });
      const { last } = run(flow, []);
      expect(last.effects).toEqual([{ kind: 'handoff', teamId: '0190a000-0000-7000-8000-0000000000aa', variables: { topic: 'refund' } }]);
      expect(last.state.status).toBe('handoff');
    });

    it('answers FAQ questions in place and hands off on "talk to a person"', () => {
      const flow = doc({ start: 'f', nodes: [{ id: 'f', type: 'faq', text: 'Questions?', items: [{ id: 'hours', question: 'Hours?', answer: '9 to 18' }] }], edges: [] });
      const answered = run(flow, [{ kind: 'button', buttonId: 'q_hours' }]);
      expect(answered.last.replies[0]).toMatchObject({ text: '9 to 18', buttons: [[{ id: 'q_hours', text: 'Hours?' }], [{ id: 'handoff', text: 'Talk to a person' }], [{ id: 'done', text: 'That is all, thanks' }]] });
      expect(run(flow, [{ kind: 'text', text: '2' }]).last.state.status).toBe('handoff');
      expect(run(flow, [{ kind: 'text', text: '3' }]).last.state.status).toBe('ended');
    });

    it('follows the "timeout" edge, or does what the flow says on timeout', () => {
      const waiting = { start: 'q', nodes: [{ id: 'q', type: 'ask', kind: 'text', text: 'Name?', variable: 'name' }, { id: 'bye', type: 'end', text: 'Bye' }] };
      expect(run(doc({ ...waiting, edges: [{ from: 'q', to: 'bye', on: 'timeout' }] }), [{ kind: 'timeout' }]).texts.at(-1)).toBe('Bye');
      expect(run(doc({ ...waiting, onTimeout: 'handoff', edges: [] }), [{ kind: 'timeout' }]).last.state.status).toBe('handoff');
      expect(run(doc({ ...waiting, edges: [] }), [{ kind: 'timeout' }]).last.state.status).toBe('ended');
    });

    it('ends instead of looping forever through nodes that never wait', () => {
      const flow = doc({ start: 'a', nodes: [{ id: 'a', type: 'set', assignments: [{ variable: 'x', value: '1' }] }, { id: 'b', type: 'set', assignments: [{ variable: 'y', value: '1' }] }], edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }] });
      expect(run(flow, []).last.state.status).toBe('ended');
    });

    it('speaks Russian when the locale is ru', () => {
      const flow = doc({ start: 'q', nodes: [{ id: 'q', type: 'ask', kind: 'email', text: { ru: 'Ваш e-mail?', en: 'Your e-mail?' }, variable: 'email' }], edges: [] });
      const { texts } = run(flow, [{ kind: 'text', text: 'nope' }], ctx({ locale: 'ru' }));
      expect(texts).toEqual(['Ваш e-mail?', 'Это не похоже на адрес e-mail. Пришлите его в виде name@example.com.']);
    });
  });
});

describe('flowDocumentSchema', () => {
  it('reports every graph problem with its path', () => {
    const result = flowDocumentSchema.safeParse({
      start: 'missing',
      nodes: [{ id: 'a', type: 'message', text: 'x' }, { id: 'a', type: 'ask', kind: 'choice', text: 'y', variable: 'v' }, { id: 'c', type: 'cond' }],
      edges: [{ from: 'a', to: 'zz', on: 'nope' }],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['nodes.2.type']));
    const graph = flowDocumentSchema.safeParse({
      start: 'missing',
      nodes: [{ id: 'a', type: 'message', text: 'x' }, { id: 'a', type: 'ask', kind: 'choice', text: 'y', variable: 'v' }],
      edges: [{ from: 'a', to: 'zz', on: 'nope' }],
    });
    expect(graph.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['edges.0.on', 'edges.0.to', 'nodes.1.buttons', 'nodes.1.id', 'start']);
  });
});
