/**
 * The /webchat namespace as the widget sees it; the server's side of the same contract is
 * libs/inbox/src/webchat/visitor-protocol.ts.
 */

export interface VisitorPage {
  url?: string;
  referrer?: string;
  language?: string;
  timeZone?: string;
}

export interface WidgetConfig {
  name: string;
  color: string | null;
  greeting: string | null;
  askContact: 'before' | 'after' | 'never';
  requireContactInfo: boolean;
  workingHoursMessage: string | null;
  locale: 'ru' | 'en' | null;
  maxTextLength: number;
}

export interface VisitorMessage {
  id: string;
  clientId: string | null;
  from: 'visitor' | 'agent';
  text: string | null;
  attachments: Array<{ fileName: string; contentType: string; url: string | null }>;
  /** Quick answers (a bot's buttons): tapping one sends its text; a url button opens the link. */
  buttons?: Array<Array<{ id: string; text: string; url?: string }>>;
  createdAt: string;
}

export interface VisitorReady {
  visitorToken: string;
  config: WidgetConfig;
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

/** A refused handshake: the widget stops trying and says why. */
export const REFUSAL_CODES: readonly VisitorErrorCode[] = ['widget_not_found', 'inbox_disabled', 'widget_origin_not_allowed'];

export const DEFAULT_CONFIG: WidgetConfig = {
  name: '',
  color: null,
  greeting: null,
  askContact: 'after',
  requireContactInfo: false,
  workingHoursMessage: null,
  locale: null,
  maxTextLength: 5000,
};
