import { describe, expect, it } from 'vitest';
import { deletePath, expandPaths, getPath, setPath } from './settings-paths.js';

describe('settings paths', () => {
  it('reads nested values and answers undefined past a missing or non-object parent', () => {
    const settings = { imap: { password: 'p' }, port: 1 };
    expect(getPath(settings, 'imap.password')).toBe('p');
    expect(getPath(settings, 'smtp.password')).toBeUndefined();
    expect(getPath(settings, 'port.value')).toBeUndefined();
    expect(getPath(settings, 'constructor')).toBeUndefined();
  });

  it('sets values creating missing parents, but never through a non-object', () => {
    const settings: Record<string, unknown> = { port: 1 };
    setPath(settings, 'smtp.password', 'p');
    setPath(settings, 'port.value', 'x');
    expect(settings).toEqual({ port: 1, smtp: { password: 'p' } });
  });

  it('deletes nested values and ignores missing ones', () => {
    const settings = { imap: { host: 'h', password: 'p' } };
    deletePath(settings, 'imap.password');
    deletePath(settings, 'smtp.password');
    expect(settings).toEqual({ imap: { host: 'h' } });
  });

  it('expands record patterns to the keys of every source', () => {
    expect(expandPaths(['secret', 'credentials.*'], { credentials: { a: '1' } }, { credentials: { b: '2' } })).toEqual([
      'secret',
      'credentials.a',
      'credentials.b',
    ]);
    expect(expandPaths(['credentials.*'], { credentials: null })).toEqual([]);
  });
});
