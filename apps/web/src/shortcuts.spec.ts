import { describe, expect, it } from 'vitest';
import { resolveShortcut, SHORTCUTS, type KeyInput } from './shortcuts.js';
import { en, ru } from '@app/i18n';

const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, editable: false, ...extra });

describe('resolveShortcut', () => {
  it('maps single keys to the frequent actions', () => {
    expect(resolveShortcut(key('e'), null).action).toBe('resolve');
    expect(resolveShortcut(key('a'), null).action).toBe('assignMe');
    expect(resolveShortcut(key('ArrowDown'), null).action).toBe('next');
    expect(resolveShortcut(key('?'), null).action).toBe('help');
    expect(resolveShortcut(key('2'), null).action).toBe('tabUnassigned');
  });

  it('runs two-key g sequences and forgets an unfinished one', () => {
    const first = resolveShortcut(key('g'), null);
    expect(first).toEqual({ action: null, pending: 'g' });
    expect(resolveShortcut(key('d'), first.pending)).toEqual({ action: 'goDeals', pending: null });
    expect(resolveShortcut(key('x'), 'g')).toEqual({ action: null, pending: null });
  });

  it('leaves letters alone while the agent types and keys with modifiers to the browser', () => {
    expect(resolveShortcut(key('e', { editable: true }), null).action).toBeNull();
    expect(resolveShortcut(key('r', { ctrlKey: true }), null).action).toBeNull();
    expect(resolveShortcut(key('Escape', { editable: true }), null).action).toBe('escape');
  });

  it('documents every shortcut in both languages', () => {
    for (const s of SHORTCUTS) {
      expect(en[s.label]).toBeTruthy();
      expect(ru[s.label]).toBeTruthy();
    }
  });
});
