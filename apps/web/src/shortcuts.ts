import type { MessageKey } from '@app/i18n';

export type ShortcutAction =
  | 'help'
  | 'next'
  | 'previous'
  | 'reply'
  | 'note'
  | 'assignMe'
  | 'resolve'
  | 'reopen'
  | 'snooze'
  | 'labels'
  | 'search'
  | 'tabMine'
  | 'tabUnassigned'
  | 'tabAll'
  | 'goInbox'
  | 'goDeals'
  | 'goContacts'
  | 'goCompanies'
  | 'escape';

/** What the help overlay lists: keys as shown and what they do. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; action: ShortcutAction; label: MessageKey }> = [
  { keys: ['j', '↓'], action: 'next', label: 'ui.shortcuts.next' },
  { keys: ['k', '↑'], action: 'previous', label: 'ui.shortcuts.previous' },
  { keys: ['r'], action: 'reply', label: 'ui.shortcuts.reply' },
  { keys: ['n'], action: 'note', label: 'ui.shortcuts.note' },
  { keys: ['a'], action: 'assignMe', label: 'ui.shortcuts.assign_me' },
  { keys: ['e'], action: 'resolve', label: 'ui.shortcuts.resolve' },
  { keys: ['o'], action: 'reopen', label: 'ui.shortcuts.reopen' },
  { keys: ['s'], action: 'snooze', label: 'ui.shortcuts.snooze' },
  { keys: ['l'], action: 'labels', label: 'ui.shortcuts.labels' },
  { keys: ['/'], action: 'search', label: 'ui.shortcuts.search' },
  { keys: ['1', '2', '3'], action: 'tabMine', label: 'ui.shortcuts.tabs' },
  { keys: ['g', 'i'], action: 'goInbox', label: 'ui.shortcuts.go_inbox' },
  { keys: ['g', 'd'], action: 'goDeals', label: 'ui.shortcuts.go_deals' },
  { keys: ['g', 'c'], action: 'goContacts', label: 'ui.shortcuts.go_contacts' },
  { keys: ['g', 'o'], action: 'goCompanies', label: 'ui.shortcuts.go_companies' },
  { keys: ['Enter'], action: 'reply', label: 'ui.shortcuts.send' },
  { keys: ['Shift', 'Enter'], action: 'reply', label: 'ui.shortcuts.newline' },
  { keys: ['?'], action: 'help', label: 'ui.shortcuts.help' },
  { keys: ['Esc'], action: 'escape', label: 'ui.shortcuts.escape' },
];

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focus is in a text field: letters are typing, not commands. */
  editable: boolean;
}

const SINGLE: Record<string, ShortcutAction> = {
  '?': 'help',
  j: 'next',
  ArrowDown: 'next',
  k: 'previous',
  ArrowUp: 'previous',
  r: 'reply',
  n: 'note',
  a: 'assignMe',
  e: 'resolve',
  o: 'reopen',
  s: 'snooze',
  l: 'labels',
  '/': 'search',
  '1': 'tabMine',
  '2': 'tabUnassigned',
  '3': 'tabAll',
};

const AFTER_G: Record<string, ShortcutAction> = { i: 'goInbox', d: 'goDeals', c: 'goContacts', o: 'goCompanies' };

/**
 * Maps a key press to an action. "g" starts a two-key sequence (g then i, d, c or o); `pending`
 * carries it between presses. Keys with Ctrl, Cmd or Alt belong to the browser.
 */
export function resolveShortcut(input: KeyInput, pending: 'g' | null): { action: ShortcutAction | null; pending: 'g' | null } {
  if (input.key === 'Escape') return { action: 'escape', pending: null };
  if (input.editable || input.ctrlKey || input.metaKey || input.altKey) return { action: null, pending: null };
  if (pending === 'g') return { action: AFTER_G[input.key.toLowerCase()] ?? null, pending: null };
  if (input.key === 'g') return { action: null, pending: 'g' };
  return { action: SINGLE[input.key] ?? SINGLE[input.key.toLowerCase()] ?? null, pending: null };
}
