/** The app's pages; the server answers index.html for every one of these paths. */
export type Route =
  | { page: 'login' }
  | { page: 'inbox'; conversationId: string | null; panel: boolean }
  | { page: 'deals'; dealId: string | null }
  | { page: 'contacts'; contactId: string | null }
  | { page: 'companies'; companyId: string | null }
  /** Workspace settings: section is e.g. "templates", "assignment", "blacklist", "automation", "business-hours", "teams", "sla". */
  | { page: 'settings'; section: string | null; id: string | null }
  | { page: 'bots'; flowId: string | null }
  /** Supervisor dashboard (section null) and report pages. */
  | { page: 'reports'; section: string | null }
  /** Segments, campaigns and triggered messages: section is "segments", "campaigns" or "triggers". */
  | { page: 'marketing'; section: string | null; id: string | null }
  /** Knowledge base articles (the public pages are served at /help by the server). */
  | { page: 'knowledge'; articleId: string | null }
  | { page: 'tickets'; ticketId: string | null }
  | { page: 'not_found' };

export function parseRoute(pathname: string, search = ''): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, third] = parts;
  if (first === 'settings' && parts.length <= 3) return { page: 'settings', section: second ?? null, id: third ?? null };
  if (first === 'marketing' && parts.length <= 3) return { page: 'marketing', section: second ?? null, id: third ?? null };
  if (parts.length > 2) return { page: 'not_found' };
  switch (first) {
    case undefined:
      return { page: 'inbox', conversationId: null, panel: false };
    case 'login':
      return { page: 'login' };
    case 'inbox':
      return { page: 'inbox', conversationId: second ?? null, panel: new URLSearchParams(search).get('panel') === '1' };
    case 'deals':
      return { page: 'deals', dealId: second ?? null };
    case 'contacts':
      return { page: 'contacts', contactId: second ?? null };
    case 'companies':
      return { page: 'companies', companyId: second ?? null };
    case 'bots':
      return { page: 'bots', flowId: second ?? null };
    case 'reports':
      return { page: 'reports', section: second ?? null };
    case 'knowledge':
      return { page: 'knowledge', articleId: second ?? null };
    case 'tickets':
      return { page: 'tickets', ticketId: second ?? null };
    default:
      return { page: 'not_found' };
  }
}

export function routePath(route: Route): string {
  switch (route.page) {
    case 'login':
      return '/login';
    case 'inbox':
      return route.conversationId ? `/inbox/${route.conversationId}${route.panel ? '?panel=1' : ''}` : '/inbox';
    case 'deals':
      return route.dealId ? `/deals/${route.dealId}` : '/deals';
    case 'contacts':
      return route.contactId ? `/contacts/${route.contactId}` : '/contacts';
    case 'companies':
      return route.companyId ? `/companies/${route.companyId}` : '/companies';
    case 'settings':
      return '/settings' + (route.section ? `/${route.section}` : '') + (route.section && route.id ? `/${route.id}` : '');
    case 'bots':
      return route.flowId ? `/bots/${route.flowId}` : '/bots';
    case 'reports':
      return route.section ? `/reports/${route.section}` : '/reports';
    case 'marketing':
      return '/marketing' + (route.section ? `/${route.section}` : '') + (route.section && route.id ? `/${route.id}` : '');
    case 'knowledge':
      return route.articleId ? `/knowledge/${route.articleId}` : '/knowledge';
    case 'tickets':
      return route.ticketId ? `/tickets/${route.ticketId}` : '/tickets';
    case 'not_found':
      return '/';
  }
}
