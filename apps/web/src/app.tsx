import { useEffect } from 'react';
import { AppProvider, useApp } from './app-context.js';
import { CompaniesPage } from './crm/companies-page.js';
import { ContactsPage } from './crm/contacts-page.js';
import { DealsPage } from './deals/deals-page.js';
import { InboxPage } from './inbox/inbox-page.js';
import { BotsPage } from './bots/bots-page.js';
import { LoginPage } from './login-page.js';
import { ReportsPage } from './reports/reports-page.js';
import { MarketingPage } from './marketing/marketing-page.js';
import { KnowledgePage } from './knowledge/knowledge-page.js';
import { TicketsPage } from './tickets/tickets-page.js';
import { TicketOverdueNotifier } from './tickets/overdue-notifier.js';
import { SlaBreachNotifier } from './reports/sla-breach-notifier.js';
import { SettingsPage } from './settings/settings-page.js';
import { Shell } from './shell.js';
import { ErrorBoundary } from './ui/error-boundary.js';
import { Empty } from './ui/bits.js';
import { WorkspaceProvider } from './workspace.js';

function Screens() {
  const { session, route, navigate, t, locale } = useApp();

  useEffect(() => {
    if (session && route.page === 'login') navigate({ page: 'inbox', conversationId: null, panel: false }, { replace: true });
  }, [session, route.page, navigate]);

  if (!session) return <LoginPage />;
  let screen;
  switch (route.page) {
    case 'inbox':
      screen = <InboxPage conversationId={route.conversationId} panel={route.panel} />;
      break;
    case 'deals':
      screen = <DealsPage dealId={route.dealId} />;
      break;
    case 'contacts':
      screen = <ContactsPage contactId={route.contactId} />;
      break;
    case 'companies':
      screen = <CompaniesPage companyId={route.companyId} />;
      break;
    case 'settings':
      screen = <SettingsPage section={route.section} id={route.id} />;
      break;
    case 'bots':
      screen = <BotsPage flowId={route.flowId} />;
      break;
    case 'reports':
      screen = <ReportsPage section={route.section} />;
      break;
    case 'marketing':
      screen = <MarketingPage section={route.section} id={route.id} />;
      break;
    case 'knowledge':
      screen = <KnowledgePage articleId={route.articleId} />;
      break;
    case 'tickets':
      screen = <TicketsPage ticketId={route.ticketId} />;
      break;
    case 'login':
      screen = null;
      break;
    default:
      screen = <Empty>{t('ui.not_found')}</Empty>;
  }
  return (
    <WorkspaceProvider>
      <Shell>
        <SlaBreachNotifier />
        <TicketOverdueNotifier />
        <ErrorBoundary locale={locale} key={route.page}>
          {screen}
        </ErrorBoundary>
      </Shell>
    </WorkspaceProvider>
  );
}

function LocalizedBoundary() {
  const { locale } = useApp();
  return (
    <ErrorBoundary locale={locale}>
      <Screens />
    </ErrorBoundary>
  );
}

export function App() {
  const guess = navigator.language?.toLowerCase().startsWith('en') ? 'en' : 'ru';
  return (
    <ErrorBoundary locale={guess}>
      <AppProvider>
        <LocalizedBoundary />
      </AppProvider>
    </ErrorBoundary>
  );
}
