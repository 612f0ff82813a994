import { describe, expect, it } from 'vitest';
import type { VisitorMessage } from './protocol.js';
import { threadItems, withMessage } from './thread.js';

const msg = (id: string, createdAt: string, clientId: string | null = null): VisitorMessage => ({
  id,
  clientId,
  from: clientId ? 'visitor' : 'agent',
  text: id,
  attachments: [],
  createdAt,
});

describe('withMessage', () => {
  it('adds a message in time order and replaces one it already has', () => {
    const thread = withMessage([msg('b', '2025-01-01T10:02:00Z')], msg('a', '2025-01-01T10:01:00Z'));
    expect(thread.map((m) => m.id)).toEqual(['a', 'b']);
    expect(withMessage(thread, { ...msg('a', '2025-01-01T10:01:00Z'), text: 'edited' })).toHaveLength(2);
  });
});

describe('threadItems', () => {
  it('shows queued messages after the stored ones and hides a queued copy that is already stored', () => {
    const stored = [msg('m1', '2025-01-01T10:00:00Z', 'c1')];
    const pending = [
      { clientId: 'c1', text: 'stored already', createdAt: '' },
      { clientId: 'c2', text: 'waiting', createdAt: '' },
    ];
    const items = threadItems(stored, pending, [{ pending: { clientId: 'c3', text: 'refused', createdAt: '' }, reason: 'too long' }]);
    expect(items.map((i) => i.kind)).toEqual(['message', 'pending', 'failed']);
    expect(items[1]).toMatchObject({ pending: { clientId: 'c2' } });
  });
});
