import { Injectable } from '@nestjs/common';
import { ContactsService, DealsService } from '@app/crm';

/** What a template is rendered about: a conversation's contact, deal and inbox, and the agent who sends it. */
export interface TemplateSubject {
  contactId: string | null;
  dealId: string | null;
  inboxName: string | null;
  agent: { name: string; email?: string | null } | null;
  /** Values the caller supplies (sample values in a preview, business.opens_at in an auto-reply). */
  extra?: Record<string, string>;
  /** Values that win over the subject's own (a campaign's or a triggered message's variables). */
  overrides?: Record<string, string>;
}

/** Collects the variable values of a subject; only plain values of custom fields are exposed. */
@Injectable()
export class TemplateContextService {
  constructor(
    private readonly contacts: ContactsService,
    private readonly deals: DealsService,
  ) {}

  async valuesFor(subject: TemplateSubject): Promise<Map<string, string>> {
    const values = new Map<string, string>(Object.entries(subject.extra ?? {}));
    const set = (key: string, value: unknown) => {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values.set(key, String(value));
    };
    if (subject.contactId) {
      const contact = await this.contacts.require(subject.contactId).catch(() => undefined);
      if (contact) {
        set('contact.name', contact.name);
        set('contact.phone', contact.phones[0]);
        set('contact.email', contact.emails[0]);
        for (const [field, value] of Object.entries(contact.customFields)) set(`contact.custom.${field}`, value);
      }
    }
    if (subject.dealId) {
      const deal = await this.deals.get(subject.dealId).catch(() => undefined);
      if (deal) {
        set('deal.title', deal.title);
        set('deal.amount', deal.amount);
        set('deal.currency', deal.currency);
        set('deal.stage', deal.stage?.name);
      }
    }
    set('inbox.name', subject.inboxName);
    set('agent.name', subject.agent?.name);
    set('agent.email', subject.agent?.email);
    for (const [key, value] of Object.entries(subject.overrides ?? {})) values.set(key, value);
    return values;
  }
}
