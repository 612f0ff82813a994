import type { Attachment, Inbox, Message } from '@app/db';
import { VISITOR_MAX_TEXT_LENGTH } from './dto/visitor-events.dto.js';
import type { VisitorMessage, WidgetConfig } from './visitor-protocol.js';

/** A web-chat inbox's settings as the widget needs them, read leniently so that one odd value never locks visitors out. */
export interface WidgetSettings {
  allowedOrigins: string[];
  greeting?: string;
  color?: string;
  askContact?: WidgetConfig['askContact'];
  requireContactInfo?: boolean;
  workingHoursMessage?: string;
  locale?: 'ru' | 'en';
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);

export function readWidgetSettings(settings: Record<string, unknown>): WidgetSettings {
  const { allowedOrigins, askContact, locale, color } = settings;
  return {
    allowedOrigins: Array.isArray(allowedOrigins) ? allowedOrigins.filter((o): o is string => typeof o === 'string') : [],
    greeting: text(settings.greeting),
    color: typeof color === 'string' && /^#[0-9a-fA-F]{6}$/.test(color) ? color : undefined,
    askContact: askContact === 'before' || askContact === 'after' || askContact === 'never' ? askContact : undefined,
    requireContactInfo: settings.requireContactInfo === true,
    workingHoursMessage: text(settings.workingHoursMessage),
    locale: locale === 'ru' || locale === 'en' ? locale : undefined,
  };
}

/** Only what a page may know: never the allowed origins list or anything else of the inbox. */
export function toWidgetConfig(inbox: Inbox, settings: WidgetSettings): WidgetConfig {
  return {
    name: inbox.name,
    color: settings.color ?? null,
    greeting: settings.greeting ?? null,
    askContact: settings.askContact ?? 'after',
    requireContactInfo: settings.requireContactInfo ?? false,
    workingHoursMessage: settings.workingHoursMessage ?? null,
    locale: settings.locale ?? null,
    maxTextLength: VISITOR_MAX_TEXT_LENGTH,
  };
}

/** The visitor's message ids are `${visitorId}:${clientId}`; the widget matches its queued copies by clientId. */
export const visitorExternalId = (visitorId: string, clientId: string) => `${visitorId}:${clientId}`;

export function toVisitorMessage(message: Message, attachments: Attachment[] = []): VisitorMessage {
  const fromVisitor = message.messageType === 'incoming';
  const separator = message.externalId?.indexOf(':') ?? -1;
  return {
    id: message.id,
    clientId: fromVisitor && separator > 0 ? message.externalId!.slice(separator + 1) : null,
    from: fromVisitor ? 'visitor' : 'agent',
    text: message.content,
    attachments: attachments.map((a) => ({ fileName: a.fileName, contentType: a.contentType, url: a.externalUrl })),
    ...(!fromVisitor && Array.isArray(message.contentAttributes.buttons) ? { buttons: message.contentAttributes.buttons as VisitorMessage['buttons'] } : {}),
    createdAt: message.createdAt.toISOString(),
  };
}
