import { describe, expect, it } from 'vitest';
import { parseRoute, routePath, type Route } from './router.js';

describe('routes', () => {
  it('reads every page from its path and writes it back', () => {
    const routes: Route[] = [
      { page: 'login' },
      { page: 'inbox', conversationId: null, panel: false },
      { page: 'inbox', conversationId: 'abc', panel: true },
      { page: 'deals', dealId: 'd1' },
      { page: 'contacts', contactId: null },
      { page: 'companies', companyId: 'c1' },
      { page: 'settings', section: null, id: null },
      { page: 'settings', section: 'templates', id: 't1' },
      { page: 'bots', flowId: 'f1' },
      { page: 'reports', section: null },
      { page: 'reports', section: 'agents' },
      { page: 'marketing', section: null, id: null },
      { page: 'marketing', section: 'campaigns', id: 'c1' },
      { page: 'knowledge', articleId: 'a1' },
      { page: 'tickets', ticketId: null },
    ];
    for (const route of routes) {
      const [path, search] = routePath(route).split('?');
      expect(parseRoute(path, search ? `?${search}` : '')).toEqual(route);
    }
  });

  it('opens the inbox at the root and reports unknown paths', () => {
    expect(parseRoute('/')).toEqual({ page: 'inbox', conversationId: null, panel: false });
    expect(parseRoute('/settings/x/y/z')).toEqual({ page: 'not_found' });
    expect(parseRoute('/deals/x/y')).toEqual({ page: 'not_found' });
    expect(parseRoute('/nothing')).toEqual({ page: 'not_found' });
  });
});
