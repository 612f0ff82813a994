import { useEffect, useRef } from 'react';
import type { ShortcutAction } from './shortcuts.js';

type Handler = (action: ShortcutAction) => boolean | void;
const handlers = new Map<Handler, number>();

/** Offers an action to the mounted screens, the most specific first; true when one of them handled it. */
export function dispatchShortcut(action: ShortcutAction): boolean {
  const ordered = [...handlers].sort((a, b) => b[1] - a[1]);
  for (const [handler] of ordered) if (handler(action) === true) return true;
  return false;
}

/**
 * A screen handles the shortcuts it knows while mounted; return true for a handled action.
 * `level` orders screens inside one another: a popover (higher) closes on Escape before its page does.
 */
export function useShortcuts(handler: Handler, level = 0) {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const wrapped: Handler = (action) => ref.current(action);
    handlers.set(wrapped, level);
    return () => {
      handlers.delete(wrapped);
    };
  }, [level]);
}
