import { t, type Locale, type MessageKey } from '@app/i18n';
import { TEMPLATE_VARIABLES } from './template-renderer.js';

type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** What each variable holds; typed over the whole list, so a new variable cannot go without one. */
const HINTS: Record<TemplateVariable, MessageKey> = {
  'contact.name': 'templates.variable.contact.name',
  'contact.phone': 'templates.variable.contact.phone',
  'contact.email': 'templates.variable.contact.email',
  'contact.custom.<field>': 'templates.variable.contact.custom',
  'agent.name': 'templates.variable.agent.name',
  'agent.email': 'templates.variable.agent.email',
  'deal.title': 'templates.variable.deal.title',
  'deal.amount': 'templates.variable.deal.amount',
  'deal.currency': 'templates.variable.deal.currency',
  'deal.stage': 'templates.variable.deal.stage',
  'inbox.name': 'templates.variable.inbox.name',
  'business.opens_at': 'templates.variable.business.opens_at',
  unsubscribe_url: 'templates.variable.unsubscribe_url',
  'cart.total': 'templates.variable.cart.total',
  'cart.items': 'templates.variable.cart.items',
};

/** The variables' descriptions in the reader's language, shown beside them in the template editor. */
export function describeTemplateVariables(locale: Locale): Record<TemplateVariable, string> {
  return Object.fromEntries(TEMPLATE_VARIABLES.map((variable) => [variable, t(HINTS[variable], {}, locale)])) as Record<TemplateVariable, string>;
}
