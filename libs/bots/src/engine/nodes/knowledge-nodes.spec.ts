import { describe, expect, it } from 'vitest';
import { flowDocumentSchema, type FlowDocument } from '../../bot-flow.contract.js';
import type { EngineContext } from '../engine.types.js';
import { advance, initialState } from '../flow-engine.js';

const ctx = (over: Partial<EngineContext> = {}): EngineContext => ({
  locale: 'ru',
  now: new Date('2026-06-01T09:30:00Z'),
  timeZone: 'Europe/Moscow',
  contact: { name: 'Анна', phone: null, email: null, tags: [], customFields: {} },
  products: [],
  ...over,
});

const flow = (node: Record<string, unknown>): FlowDocument =>
  flowDocumentSchema.parse({
    start: 'kb',
    nodes: [{ id: 'kb', type: 'knowledge_answer', ...node }, { id: 'more', type: 'end', text: 'Ещё вопросы?' }, { id: 'human', type: 'handoff', text: 'Зову оператора' }],
    edges: [{ from: 'kb', to: 'more' }, { from: 'kb', to: 'human', on: 'notFound' }],
  });

const article = { title: 'Возврат товара', summary: 'В течение 14 дней.', url: 'https://shop.example/help/vozvrat-tovara' };

describe('knowledge_answer node', () => {
  it('searches with the customer\'s last message and says the found article with its link', () => {
    const doc = flow({ text: 'Вот что я нашёл:', saveAs: 'kb.article' });
    const asked = advance(doc, initialState(), { kind: 'start' }, ctx({ lastMessage: '  Как вернуть товар?  ' }));
    expect(asked.awaiting).toBe('effect');
    expect(asked.effects).toEqual([{ kind: 'knowledge_search', query: 'Как вернуть товар?', locale: 'ru' }]);
    const answered = advance(doc, asked.state, { kind: 'effect', ok: true, value: article }, ctx());
    expect(answered.replies.map((r) => r.text)).toEqual(['Вот что я нашёл:\n\nВозврат товара\nВ течение 14 дней.\nhttps://shop.example/help/vozvrat-tovara', 'Ещё вопросы?']);
    expect(answered.state.variables).toEqual({ kb: { article } });
    expect(answered.state.status).toBe('ended');
  });

  it('searches with a variable when one is named', () => {
    const doc = flow({ query: 'question' });
    const asked = advance(doc, initialState({ question: 'доставка в Казань' }), { kind: 'start' }, ctx({ lastMessage: 'другое', locale: 'en' }));
    expect(asked.effects).toEqual([{ kind: 'knowledge_search', query: 'доставка в Казань', locale: 'en' }]);
  });

  it('follows "notFound" with its text when nothing is found', () => {
    const doc = flow({ notFoundText: { ru: 'Не нашёл ответа', en: 'No answer found' } });
    const asked = advance(doc, initialState(), { kind: 'start' }, ctx({ lastMessage: 'абракадабра' }));
    const answered = advance(doc, asked.state, { kind: 'effect', ok: true, value: null }, ctx());
    expect(answered.replies.map((r) => r.text)).toEqual(['Не нашёл ответа', 'Зову оператора']);
    expect(answered.effects.map((e) => e.kind)).toEqual(['handoff']);
  });

  it('follows "notFound" without searching when there is nothing to search for', () => {
    const result = advance(flow({}), initialState(), { kind: 'start' }, ctx());
    expect(result.effects.map((e) => e.kind)).toEqual(['handoff']);
  });

  it('ends the bot when "notFound" has no edge instead of falling through to "next"', () => {
    const doc = flowDocumentSchema.parse({ start: 'kb', nodes: [{ id: 'kb', type: 'knowledge_answer' }, { id: 'more', type: 'end', text: 'Ещё?' }], edges: [{ from: 'kb', to: 'more' }] });
    const asked = advance(doc, initialState(), { kind: 'start' }, ctx({ lastMessage: 'вопрос' }));
    const answered = advance(doc, asked.state, { kind: 'effect', ok: false, error: 'down' }, ctx());
    expect(answered.replies).toEqual([]);
    expect(answered.state.status).toBe('ended');
  });

  it('refuses edges the node does not have when the flow is validated', () => {
    const result = flowDocumentSchema.safeParse({ start: 'kb', nodes: [{ id: 'kb', type: 'knowledge_answer' }, { id: 'x', type: 'end' }], edges: [{ from: 'kb', to: 'x', on: 'error' }] });
    expect(result.success).toBe(false);
  });
});
