import type { BlacklistEntry, BlacklistKind } from './settings-api.js';

/** The global entries (every inbox) have no inbox id; the list route cannot ask for them alone. */
export const GLOBAL_SCOPE = 'global';

export interface BlacklistFilters {
  kind: BlacklistKind | '';
  /** '' any inbox, GLOBAL_SCOPE the entries of every inbox, or one inbox's id. */
  scope: string;
  state: '' | 'active' | 'expired';
}

export const NO_FILTERS: BlacklistFilters = { kind: '', scope: '', state: '' };

/** The query parameters GET /blacklist takes for these filters. */
export function blacklistQuery(filters: BlacklistFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.kind) query.kind = filters.kind;
  if (filters.scope && filters.scope !== GLOBAL_SCOPE) query.inboxId = filters.scope;
  if (filters.state) query.active = String(filters.state === 'active');
  return query;
}

/** What the route cannot filter: only the global entries, picked from the loaded pages. */
export function keepBlacklistEntry(filters: BlacklistFilters): ((entry: BlacklistEntry) => boolean) | undefined {
  return filters.scope === GLOBAL_SCOPE ? (entry) => entry.inboxId === null : undefined;
}
