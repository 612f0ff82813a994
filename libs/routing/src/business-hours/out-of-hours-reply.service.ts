import { Inject, Injectable } from '@nestjs/common';
import type { Contact, Conversation } from '@app/db';
import { isLocale, t, type Locale } from '@app/i18n';
import { ConversationAutomationService, InboxesService } from '@app/inbox';
import { TemplatesService } from '@app/templates';
import { RoutingStateRepository } from '../assignment/routing-state.repository.js';
import { ROUTING_OPTIONS, type RoutingModuleOptions } from '../routing.options.js';
import { closedPeriodStart, nextOpening } from './business-calendar.js';
import { BusinessHoursService } from './business-hours.service.js';

/** Answers a customer who writes while the inbox is closed: once per conversation and closed period, as the bot. */
@Injectable()
export class OutOfHoursReplyService {
  constructor(
    private readonly hours: BusinessHoursService,
    private readonly state: RoutingStateRepository,
    private readonly automation: ConversationAutomationService,
    private readonly templates: TemplatesService,
    private readonly inboxes: InboxesService,
    @Inject(ROUTING_OPTIONS) private readonly options: RoutingModuleOptions,
  ) {}

  /** Answers whether a reply was sent. */
  async onIncoming(conversation: Conversation, contact: Contact | undefined, at = new Date()): Promise<boolean> {
    const schedule = await this.hours.schedule(conversation.inboxId);
    if (!schedule?.row.autoReplyEnabled) return false;
    const period = closedPeriodStart(schedule, at);
    if (!period || !(await this.state.claimAutoReply(conversation.id, period))) return false;
    const locale: Locale = isLocale(contact?.locale) ? contact.locale : this.options.defaultLocale;
    const opens = nextOpening(schedule, at);
    const opensAt = opens ? formatOpening(opens, schedule.timeZone, locale) : t('routing.opens_unknown', {}, locale);
    const text = schedule.row.autoReplyText
      ? await this.templates.renderText(schedule.row.autoReplyText, {
          contactId: conversation.contactId,
          dealId: conversation.dealId,
          inboxName: (await this.inboxes.findOrThrow(conversation.inboxId)).name,
          agent: null,
          extra: { 'business.opens_at': opensAt },
        })
      : t('routing.out_of_hours_reply', { opensAt }, locale);
    await this.automation.post(conversation.id, { text }, { autoReply: 'out_of_hours', period: period.toISOString() });
    return true;
  }
}

/** "пн, 16 июня, 09:00" in the inbox's time zone. */
function formatOpening(at: Date, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(at);
}
