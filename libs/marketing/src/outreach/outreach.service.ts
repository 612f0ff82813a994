import { Inject, Injectable } from '@nestjs/common';
import { DomainException, ErrorCode } from '@app/common';
import type { Executor, Inbox } from '@app/db';
import { t } from '@app/i18n';
import { ConversationAutomationService, InboxesService } from '@app/inbox';
import { TemplatesService } from '@app/templates';
import { ConsentRepository, type ConsentState } from '../consent/consent.repository.js';
import { ConsentService } from '../consent/consent.service.js';
import { localeOfContact } from '../locale.util.js';
import { OutreachPort, type OutreachRequest, type OutreachResult, type OutreachSkipReason } from '../marketing.contract.js';
import { MARKETING_OPTIONS, type MarketingModuleOptions } from '../marketing.tokens.js';

interface Composed {
  text: string;
  attachments: { url: string; fileName?: string; contentType?: string }[];
}

/**
 * Writes first to a contact through an inbox (campaigns, triggered messages): honours blocking and
 * opt-out, finds the contact's address in the channel, renders the template and queues the message
 * in the contact's conversation there.
 */
@Injectable()
export class OutreachService implements OutreachPort {
  constructor(
    private readonly automation: ConversationAutomationService,
    private readonly inboxes: InboxesService,
    private readonly templates: TemplatesService,
    private readonly consent: ConsentService,
    private readonly contacts: ConsentRepository,
    @Inject(MARKETING_OPTIONS) private readonly options: MarketingModuleOptions,
  ) {}

  async send(request: OutreachRequest): Promise<OutreachResult> {
    const marketing = request.marketing !== false;
    const inbox = await this.usableInbox(request.inboxId);
    if (!inbox) return skipped('inbox_unavailable');
    const contact = await this.contacts.find(request.contactId);
    if (!contact) return skipped('no_address');
    const refusal = refusalOf(contact, marketing);
    if (refusal) return skipped(refusal);
    const composed = await this.compose(request, inbox, contact, marketing);
    if (!composed) return skipped('template_missing');
    const attributes = { outreach: request.source };
    const ledger = request.ledger;
    // The checks run again inside the transaction, so a STOP that arrived while rendering still counts. No row
    // lock on the contact: ingestion locks the conversation before the contact, and taking them the other way
    // round could deadlock. The ledger's record is locked first, so two attempts at one send take turns.
    const posted = await this.automation.reachOut<OutreachSkipReason | typeof SETTLED>(
      {
        contactId: contact.id,
        inboxId: inbox.id,
        newAddress: newAddressOf(inbox, contact),
        text: composed.text,
        attachments: composed.attachments,
        attributes,
        conversationAttributes: attributes,
      },
      async (tx: Executor) => {
        if (ledger && !(await ledger.claim(tx))) return SETTLED;
        const current = await this.contacts.find(contact.id, tx);
        return current ? refusalOf(current, marketing) : 'no_address';
      },
      ledger ? (tx, queued) => ledger.record(tx, queued) : undefined,
    );
    if (posted.status === 'skipped' && posted.reason === SETTLED) return { status: 'settled' };
    return posted as OutreachResult;
  }

  private async usableInbox(inboxId: string): Promise<Inbox | null> {
    try {
      const inbox = await this.inboxes.findOrThrow(inboxId);
      return inbox.enabled ? inbox : null;
    } catch (error) {
      if (error instanceof DomainException && error.code === ErrorCode.NotFound) return null;
      throw error;
    }
  }

  private async compose(request: OutreachRequest, inbox: Inbox, contact: ConsentState, marketing: boolean): Promise<Composed | null> {
    const unsubscribeUrl = this.consent.unsubscribeUrl(contact.id);
    const subject = { contactId: contact.id, dealId: request.dealId ?? null, agent: null, extra: { unsubscribe_url: unsubscribeUrl }, overrides: request.variables };
    let composed: Composed;
    if (request.templateId) {
      const rendered = await this.templates.renderForContact(request.templateId, inbox, subject);
      if (!rendered) return null;
      composed = { text: rendered.text, attachments: rendered.attachments };
    } else if (request.text?.trim()) {
      composed = { text: await this.templates.renderText(request.text, { ...subject, inboxName: inbox.name }), attachments: [] };
    } else {
      return null;
    }
    if (marketing && inbox.type === 'email' && !composed.text.includes(unsubscribeUrl)) {
      const locale = localeOfContact(contact.locale, this.options.defaultLocale);
      composed.text = `${composed.text}\n\n—\n${t('marketing.email.unsubscribe_footer', { url: unsubscribeUrl }, locale)}`;
    }
    return composed;
  }
}

/** The guard's answer when the ledger's record already holds its message. */
const SETTLED = 'settled';

function skipped(reason: OutreachSkipReason): OutreachResult {
  return { status: 'skipped', reason };
}

function refusalOf(contact: Pick<ConsentState, 'blocked' | 'optedOutAt'>, marketing: boolean): OutreachSkipReason | null {
  if (contact.blocked) return 'blocked';
  if (marketing && contact.optedOutAt) return 'opted_out';
  return null;
}

/** Telegram and VK can only answer someone who wrote first; e-mail and SMS can start with an address the contact has. */
function newAddressOf(inbox: Inbox, contact: ConsentState): string | null {
  if (inbox.type === 'email') return contact.emails[0] ?? null;
  if (inbox.type === 'sms') return contact.phones[0] ?? null;
  return null;
}
