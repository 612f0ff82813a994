import type { WidgetTextKey } from './i18n.js';
import type { ContactDraft } from './store.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks the contact form before it is sent. A required form needs both a name and an e-mail; an
 * optional one needs at least one of them, and an e-mail, when given, must look like one.
 */
export function validateContact(draft: ContactDraft, required: boolean): { draft: ContactDraft; error: WidgetTextKey | null } {
  const name = draft.name?.trim() || undefined;
  const email = draft.email?.trim() || undefined;
  if (email && !EMAIL.test(email)) return { draft: { name, email }, error: 'widget.contact.invalidEmail' };
  if (required && !name) return { draft: { name, email }, error: 'widget.contact.nameRequired' };
  if (required && !email) return { draft: { name, email }, error: 'widget.contact.invalidEmail' };
  if (!name && !email) return { draft: { name, email }, error: 'widget.contact.nameRequired' };
  return { draft: { name, email }, error: null };
}

/** When the form shows: before the first message, after it, or not at all. */
export function contactFormStage(
  askContact: 'before' | 'after' | 'never',
  state: { contactDone: boolean; contactKnown: boolean; visitorHasWritten: boolean },
): 'hidden' | 'before' | 'after' {
  if (askContact === 'never' || state.contactDone || state.contactKnown) return 'hidden';
  if (askContact === 'before') return 'before';
  return state.visitorHasWritten ? 'after' : 'hidden';
}
