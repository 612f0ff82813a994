import { describe, expect, it } from 'vitest';
import { FIXED_CATALOG, ruleCatalogFrom, typesOfUnionSchema } from './rule-catalog.js';

const union = (...types: string[]) => ({ oneOf: types.map((type) => ({ type: 'object', properties: { type: { type: 'string', enum: [type] } }, required: ['type'] })) });

describe('automation rule catalog', () => {
  it('reads the types of a one-of schema with enum or const discriminators', () => {
    expect(typesOfUnionSchema(union('channel', 'text'))).toEqual(['channel', 'text']);
    expect(typesOfUnionSchema({ anyOf: [{ properties: { type: { const: 'webhook' } } }] })).toEqual(['webhook']);
    expect(typesOfUnionSchema(null)).toEqual([]);
  });

  it('offers the server\'s events and the types the editor has inputs for, in the server\'s order', () => {
    const catalog = ruleCatalogFrom({ events: ['message.created', 'conversation.created'], conditions: union('text', 'channel', 'weather'), actions: union('webhook', 'add_label') });
    expect(catalog).toEqual({ events: ['message.created', 'conversation.created'], conditionTypes: ['text', 'channel'], actionTypes: ['webhook', 'add_label'] });
  });

  it('falls back to the fixed lists when the catalog is missing or names nothing known', () => {
    expect(ruleCatalogFrom(null)).toEqual(FIXED_CATALOG);
    expect(ruleCatalogFrom({ events: [], conditions: union('weather'), actions: {} })).toEqual(FIXED_CATALOG);
  });
});
