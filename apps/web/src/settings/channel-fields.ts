import type { MessageKey } from '@app/i18n';
import type { KnownChannel } from './settings-api.js';

export type FieldKind = 'text' | 'secret' | 'number' | 'bool' | 'select' | 'lines' | 'color' | 'textarea';

/** One input of an inbox type's settings form, at a dot path of the settings object. */
export interface ChannelField {
  path: string;
  kind: FieldKind;
  label: MessageKey;
  /** select: the choices; '' means "not set". */
  options?: readonly string[];
  /** The value a new inbox starts with. */
  initial?: string | boolean;
  /** Shown only when this is true for the form's values (e.g. the provider's own credentials). */
  when?(draft: ChannelDraft): boolean;
}

/** The form's values by field path: text for inputs, booleans for checkboxes. */
export type ChannelDraft = Record<string, string | boolean>;

const provider = (...names: string[]) => (draft: ChannelDraft) => names.includes(String(draft.provider));

const mailServer = (side: 'imap' | 'smtp', port: string): ChannelField[] => [
  { path: `${side}.host`, kind: 'text', label: `ui.settings.field.${side}_host` },
  { path: `${side}.port`, kind: 'number', label: 'ui.settings.field.port', initial: port },
  { path: `${side}.secure`, kind: 'bool', label: 'ui.settings.field.secure', initial: true },
  { path: `${side}.user`, kind: 'text', label: 'ui.settings.field.user' },
  { path: `${side}.password`, kind: 'secret', label: 'ui.settings.field.password' },
];

export const CHANNEL_FIELDS: Record<KnownChannel, ChannelField[]> = {
  telegram: [
    { path: 'botToken', kind: 'secret', label: 'ui.settings.field.bot_token' },
    { path: 'mode', kind: 'select', label: 'ui.settings.field.mode', options: ['', 'webhook', 'polling'] },
  ],
  vk: [
    { path: 'groupId', kind: 'number', label: 'ui.settings.field.group_id' },
    { path: 'accessToken', kind: 'secret', label: 'ui.settings.field.access_token' },
    { path: 'secretKey', kind: 'secret', label: 'ui.settings.field.secret_key' },
    { path: 'confirmationCode', kind: 'text', label: 'ui.settings.field.confirmation_code' },
    { path: 'mode', kind: 'select', label: 'ui.settings.field.mode', options: ['callback', 'longpoll'], initial: 'callback' },
  ],
  email: [
    ...mailServer('imap', '993'),
    ...mailServer('smtp', '465'),
    { path: 'fromAddress', kind: 'text', label: 'ui.settings.field.from_address' },
    { path: 'fromName', kind: 'text', label: 'ui.settings.field.from_name' },
  ],
  sms: [
    { path: 'provider', kind: 'select', label: 'ui.settings.field.provider', options: ['twilio', 'smsru', 'generic'], initial: 'twilio' },
    { path: 'credentials.accountSid', kind: 'secret', label: 'ui.settings.field.account_sid', when: provider('twilio') },
    { path: 'credentials.authToken', kind: 'secret', label: 'ui.settings.field.auth_token', when: provider('twilio') },
    { path: 'messagingServiceSid', kind: 'text', label: 'ui.settings.field.messaging_service', when: provider('twilio') },
    { path: 'credentials.apiId', kind: 'secret', label: 'ui.settings.field.api_id', when: provider('smsru') },
    { path: 'sendUrl', kind: 'text', label: 'ui.settings.field.send_url', when: provider('generic') },
    { path: 'from', kind: 'text', label: 'ui.settings.field.sms_from' },
    { path: 'baseUrl', kind: 'text', label: 'ui.settings.field.base_url' },
  ],
  telephony: [
    { path: 'provider', kind: 'select', label: 'ui.settings.field.provider', options: ['zadarma', 'asterisk', 'generic'], initial: 'zadarma' },
    { path: 'secret', kind: 'secret', label: 'ui.settings.field.call_secret' },
    { path: 'credentials.apiKey', kind: 'secret', label: 'ui.settings.field.api_key', when: provider('zadarma') },
    { path: 'apiBaseUrl', kind: 'text', label: 'ui.settings.field.base_url', when: provider('zadarma') },
  ],
  webchat: [
    { path: 'allowedOrigins', kind: 'lines', label: 'ui.settings.field.allowed_origins' },
    { path: 'greeting', kind: 'textarea', label: 'ui.settings.field.greeting' },
    { path: 'color', kind: 'color', label: 'ui.settings.field.color', initial: '#2f6fed' },
    { path: 'askContact', kind: 'select', label: 'ui.settings.field.ask_contact', options: ['', 'before', 'after', 'never'] },
    { path: 'workingHoursMessage', kind: 'text', label: 'ui.settings.field.working_hours_message' },
    { path: 'locale', kind: 'select', label: 'ui.settings.field.widget_locale', options: ['', 'ru', 'en'] },
  ],
  api: [{ path: 'callbackUrl', kind: 'text', label: 'ui.settings.field.callback_url' }],
};

export function fieldsOf(type: string): ChannelField[] {
  return CHANNEL_FIELDS[type as KnownChannel] ?? [];
}

export function visibleFields(type: string, draft: ChannelDraft): ChannelField[] {
  return fieldsOf(type).filter((f) => !f.when || f.when(draft));
}

function readPath(source: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), source);
}

function writePath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** The form's values for stored settings (or the starting values of a new inbox); secrets start empty. */
export function draftFromSettings(type: string, settings: Record<string, unknown> | null): ChannelDraft {
  const draft: ChannelDraft = {};
  for (const field of fieldsOf(type)) {
    const stored = settings ? readPath(settings, field.path) : undefined;
    if (field.kind === 'secret') draft[field.path] = '';
    else if (field.kind === 'bool') draft[field.path] = typeof stored === 'boolean' ? stored : Boolean(field.initial);
    else if (field.kind === 'lines') draft[field.path] = Array.isArray(stored) ? stored.join('\n') : '';
    else draft[field.path] = stored === undefined || stored === null ? String(field.initial ?? '') : String(stored);
  }
  return draft;
}

/**
 * The settings to send: the stored ones (so values this form does not show survive) with the form's
 * values over them. An empty secret is left out, which keeps the stored one; an empty optional value
 * is left out, which clears it.
 */
export function settingsFromDraft(type: string, draft: ChannelDraft, base: Record<string, unknown> = {}): Record<string, unknown> {
  const settings = structuredClone(base);
  for (const field of fieldsOf(type)) {
    if (field.when && !field.when(draft)) {
      if (field.kind !== 'secret') writePath(settings, field.path, undefined);
      continue;
    }
    writePath(settings, field.path, valueOf(field, draft[field.path]));
  }
  return settings;
}

function valueOf(field: ChannelField, raw: string | boolean | undefined): unknown {
  if (field.kind === 'bool') return Boolean(raw);
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (field.kind === 'lines') {
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  }
  if (!text) return undefined;
  if (field.kind === 'number') return Number.isFinite(Number(text)) ? Number(text) : text;
  return text;
}

/** The names the form's field errors are placed under: the API reports settings errors as settings.<path>. */
export function settingsFieldNames(type: string): string[] {
  return fieldsOf(type).map((f) => `settings.${f.path}`);
}
