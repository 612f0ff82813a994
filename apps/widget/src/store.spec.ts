import { describe, expect, it } from 'vitest';
import { WidgetStore, type KeyValueStorage } from './store.js';

describe('WidgetStore', () => {
  it('starts empty when nothing is stored or the stored value is broken', () => {
    const broken: KeyValueStorage = { getItem: () => '{not json', setItem: () => undefined };
    for (const storage of [null, broken]) {
      expect(new WidgetStore(storage, 'k').get()).toMatchObject({ visitorToken: null, outbox: [], history: [], contactDone: false, open: false });
    }
  });

  it('keeps working in memory when the storage refuses writes', () => {
    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const store = new WidgetStore(full, 'k');
    store.update({ visitorToken: 'v1.x.y' });
    expect(store.get().visitorToken).toBe('v1.x.y');
  });

  it('keeps only the latest hundred messages of the history', () => {
    const data = new Map<string, string>();
    const storage: KeyValueStorage = { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
    const history = Array.from({ length: 150 }, (_, i) => ({ id: String(i), clientId: null, from: 'agent' as const, text: `${i}`, attachments: [], createdAt: '' }));
    new WidgetStore(storage, 'k').update({ history });
    const reloaded = new WidgetStore(storage, 'k').get().history;
    expect(reloaded).toHaveLength(100);
    expect(reloaded[0].id).toBe('50');
  });
});
