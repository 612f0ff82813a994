import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConversationAutomationService, InboxEvents, type InboxEventMap } from '@app/inbox';
import { t } from '@app/i18n';
import { localeOfContact } from '../locale.util.js';
import { MARKETING_OPTIONS, type MarketingModuleOptions } from '../marketing.tokens.js';
import { consentCommandOf } from './consent-command.js';
import { ConsentService } from './consent.service.js';

/**
 * A customer who answers STOP (or СТОП, отписаться…) opts out of marketing messages, START opts back
 * in; the team sees a note in the thread and the customer gets a confirmation in their language.
 */
@Injectable()
export class ConsentRepliesListener implements OnModuleInit {
  private readonly logger = new Logger('ConsentReplies');

  constructor(
    private readonly inboxEvents: InboxEvents,
    private readonly consent: ConsentService,
    private readonly automation: ConversationAutomationService,
    @Inject(MARKETING_OPTIONS) private readonly options: MarketingModuleOptions,
  ) {}

  onModuleInit() {
    this.inboxEvents.on('message.created', (event) => this.onMessage(event));
  }

  private async onMessage({ message, conversation, hidden }: InboxEventMap['message.created']): Promise<void> {
    if (hidden || message.messageType !== 'incoming' || message.senderType !== 'contact') return;
    const command = consentCommandOf(message.content);
    if (!command) return;
    const current = await this.consent.find(conversation.contactId);
    // START from someone who never opted out is just a greeting (Telegram's /start).
    if (!current || (command === 'start' && current.optedOutAt === null)) return;
    const { changed } = await this.consent.change(conversation.contactId, command === 'stop' ? { source: 'reply' } : null);
    const locale = localeOfContact(current.locale, this.options.defaultLocale);
    if (changed) {
      const note = t(command === 'stop' ? 'marketing.consent.opted_out_note' : 'marketing.consent.opted_in_note', { word: message.content?.trim() }, this.options.defaultLocale);
      await this.automation.post(conversation.id, { text: note, private: true }, { consent: command });
    }
    const reply = t(command === 'stop' ? 'marketing.consent.opted_out_reply' : 'marketing.consent.opted_in_reply', {}, locale);
    await this.automation.post(conversation.id, { text: reply }, { consent: command });
    this.logger.log(`Contact ${conversation.contactId} ${command === 'stop' ? 'opted out of' : 'opted in to'} marketing messages by a reply`);
  }
}
