/** One mail server of an e-mail inbox, as the inbox settings store it (the password decrypted). */
export interface MailServerSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
}

/** The settings of an "email" inbox, as the adapter reads them. */
export interface EmailChannelSettings {
  imap: MailServerSettings;
  smtp: MailServerSettings;
  fromAddress: string;
  fromName?: string;
  /** How many days back the first sync of the mailbox reaches. */
  initialSyncDays: number;
}

export const DEFAULT_INITIAL_SYNC_DAYS = 7;

/** Thrown when the stored settings lack what the adapter needs; the inbox settings schema normally prevents it. */
export class EmailSettingsError extends Error {
  override readonly name = 'EmailSettingsError';
}

export function readEmailSettings(settings: Record<string, unknown>): EmailChannelSettings {
  const fromAddress = typeof settings.fromAddress === 'string' ? settings.fromAddress.trim() : '';
  if (!fromAddress) throw new EmailSettingsError('The inbox has no sender address; set settings.fromAddress');
  const days = settings.initialSyncDays;
  return {
    imap: readServer(settings.imap, 'imap'),
    smtp: readServer(settings.smtp, 'smtp'),
    fromAddress,
    fromName: typeof settings.fromName === 'string' && settings.fromName.trim() ? settings.fromName.trim() : undefined,
    initialSyncDays: typeof days === 'number' && Number.isInteger(days) && days >= 0 ? days : DEFAULT_INITIAL_SYNC_DAYS,
  };
}

function readServer(value: unknown, name: 'imap' | 'smtp'): MailServerSettings {
  const server = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { host, port, secure, user, password } = server;
  if (typeof host !== 'string' || !host || typeof port !== 'number' || typeof user !== 'string' || typeof password !== 'string') {
    throw new EmailSettingsError(`The inbox's ${name.toUpperCase()} server is incomplete; set settings.${name}.host, port, user and password`);
  }
  return { host, port, secure: secure === true, user, password };
}
