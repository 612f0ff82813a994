/**
 * The wire contract of the /webchat namespace between the widget (apps/widget) and the server.
 *
 * Handshake: `io('/webchat', { auth: { widgetToken, visitorToken?, page? } })`. A refused handshake
 * ends in `connect_error` whose `data` is a VisitorError (unknown widget, switched-off inbox,
 * origin not allowed). An accepted one receives `ready`, then `message` and `typing` live.
 * Every visitor emit is acknowledged with a VisitorAck.
 */

/** Where the visitor is; stored on the conversation their first message opens. */
export interface VisitorPage {
  url?: string;
  referrer?: string;
  /** navigator.language, e.g. "ru-RU". */
  language?: string;
  /** The IANA time zone, e.g. "Europe/Moscow". */
  timeZone?: string;
}

export interface VisitorHandshake {
  widgetToken: string;
  visitorToken?: string;
  page?: VisitorPage;
}

/** What the widget shows before and around the conversation; also answered by GET /api/webchat/:widgetToken/config. */
export interface WidgetConfig {
  name: string;
  color: string | null;
  greeting: string | null;
  askContact: 'before' | 'after' | 'never';
  requireContactInfo: boolean;
  workingHoursMessage: string | null;
  /** The language every visitor sees; null lets each visitor's browser choose. */
  locale: 'ru' | 'en' | null;
  maxTextLength: number;
}

export interface VisitorMessage {
  id: string;
  /** The widget's own id of a visitor message, so a queued copy is matched with the stored one. */
  clientId: string | null;
  from: 'visitor' | 'agent';
  text: string | null;
  attachments: Array<{ fileName: string; contentType: string; url: string | null }>;
  /** Rows of quick answers (a bot's buttons): tapping one sends its text as the visitor's message; a url button opens the link. */
  buttons?: Array<Array<{ id: string; text: string; url?: string }>>;
  createdAt: string;
}

export interface VisitorReady {
  /** Keep it (localStorage) and present it next time to continue the same conversation. */
  visitorToken: string;
  config: WidgetConfig;
  /** Whether the contact already has a name and an e-mail, so the widget does not ask again. */
  contactKnown: boolean;
}

export type VisitorErrorCode =
  | 'widget_not_found'
  | 'inbox_disabled'
  | 'widget_origin_not_allowed'
  | 'validation_failed'
  | 'service_unavailable'
  | 'internal_error';

export interface VisitorError {
  code: VisitorErrorCode;
  message: string;
  errors?: Array<{ field: string; message: string }>;
}

export type VisitorAck<T extends object = object> = ({ ok: true } & T) | { ok: false; error: VisitorError };

/** Events the server sends to a visitor's widget. */
export interface VisitorServerEvents {
  ready: VisitorReady;
  message: VisitorMessage;
  typing: { typing: boolean };
}

/** What each visitor emit carries and what its acknowledgement answers. */
export interface VisitorClientEvents {
  'message.send': { payload: { clientId: string; text: string }; ack: VisitorAck<{ message: VisitorMessage }> };
  'contact.update': { payload: { name?: string; email?: string }; ack: VisitorAck };
  typing: { payload: { typing: boolean }; ack: VisitorAck };
  history: { payload: Record<string, never>; ack: VisitorAck<{ messages: VisitorMessage[] }> };
}

export const visitorRoom = (inboxId: string, visitorId: string) => `visitor:${inboxId}:${visitorId}`;
