import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { MailServerSettings } from '../email.settings.js';

export interface ImapMessage {
  uid: number;
  source: Buffer;
}

export interface ImapSessionOptions {
  /** Connecting, the greeting, and a command's answer. */
  timeoutMs: number;
  /** How often a server without IDLE is asked for news. */
  pollIntervalMs: number;
}

interface ImapFailure extends Error {
  code?: string;
  authenticationFailed?: boolean;
  responseText?: string;
  serverResponseCode?: string;
}

export function clientOptions(server: MailServerSettings, timeoutMs: number): ImapFlowOptions {
  return {
    host: server.host,
    port: server.port,
    secure: server.secure,
    auth: { user: server.user, pass: server.password },
    logger: false,
    // IDLE is started and ended here, so that waiting for mail is explicit and abortable.
    disableAutoIdle: true,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: 10 * 60_000,
  };
}

/** The server refused the user name or password: retrying the same settings will not help. */
export const isImapAuthFailure = (error: unknown): boolean =>
  Boolean((error as ImapFailure | undefined)?.authenticationFailed) || (error as ImapFailure | undefined)?.serverResponseCode === 'AUTHENTICATIONFAILED';

/** Why the IMAP server refused, in words an administrator can act on. */
export function describeImapFailure(error: unknown): string {
  const failure = error as ImapFailure;
  const answer = (failure.responseText ?? failure.message ?? String(error)).replace(/\s+/g, ' ').trim();
  if (isImapAuthFailure(error)) return `the server refused the user name or password (${answer})`;
  const code = failure.code ?? '';
  if (/TIMEOUT/i.test(code)) return 'the server did not answer in time; check the host, the port and the secure setting';
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET', 'EAI_AGAIN'].includes(code)) return `the server could not be reached (${code}); check the host and the port`;
  return answer;
}

/**
 * One logged-in IMAP connection with one folder selected: finds messages by UID, fetches them,
 * and waits for new mail with IDLE where the server offers it, asking periodically otherwise.
 */
export class ImapSession {
  private changed = false;
  private closedReason: string | undefined;

  private constructor(
    private readonly client: ImapFlow,
    private readonly options: ImapSessionOptions,
  ) {
    client.on('exists', () => (this.changed = true));
    client.on('mailboxOpen', () => (this.changed = true));
    // Without a listener an 'error' event would end the process; the next command reports it instead.
    client.on('error', (error: Error) => (this.closedReason = error.message));
    client.on('close', () => (this.closedReason ??= 'the server closed the connection'));
  }

  static async open(server: MailServerSettings, folder: string, options: ImapSessionOptions): Promise<ImapSession> {
    const client = new ImapFlow(clientOptions(server, options.timeoutMs));
    const session = new ImapSession(client, options);
    await client.connect();
    try {
      await client.mailboxOpen(folder);
    } catch (error) {
      client.close();
      throw error;
    }
    return session;
  }

  get alive(): boolean {
    return this.client.usable && this.closedReason === undefined && this.client.mailbox !== false;
  }

  get whyClosed(): string | undefined {
    return this.closedReason;
  }

  /** As a decimal string: UIDVALIDITY is a 32-bit unsigned number that JSON cursors keep exactly. */
  get uidValidity(): string {
    return this.client.mailbox ? this.client.mailbox.uidValidity.toString() : '';
  }

  get supportsIdle(): boolean {
    return this.client.capabilities.has('IDLE');
  }

  /** UIDs above lastUid, ascending. (`n:*` always matches the newest message, even one below n.) */
  async uidsAfter(lastUid: number): Promise<number[]> {
    this.changed = false;
    const found = (await this.client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
    return found.filter((uid) => uid > lastUid).sort((a, b) => a - b);
  }

  /** UIDs of messages that arrived on or after the date (the server's arrival date, by day), ascending. */
  async uidsSince(date: Date): Promise<number[]> {
    const found = (await this.client.search({ since: date }, { uid: true })) || [];
    return found.sort((a, b) => a - b);
  }

  /** The next UID the server will give, for a mailbox whose first sync starts after everything there is. */
  get uidNext(): number {
    return this.client.mailbox ? this.client.mailbox.uidNext : 1;
  }

  /** Each message's size in bytes (RFC822.SIZE), to keep a batch and a message within memory. */
  async sizes(uids: number[]): Promise<Map<number, number>> {
    const sizes = new Map<number, number>();
    if (uids.length === 0) return sizes;
    for await (const message of this.client.fetch(uids.join(','), { uid: true, size: true }, { uid: true })) sizes.set(message.uid, message.size ?? 0);
    return sizes;
  }

  /** The header block of one message, for a message too large to fetch whole. */
  async headersOf(uid: number): Promise<Buffer | undefined> {
    const message = await this.client.fetchOne(String(uid), { uid: true, headers: true }, { uid: true });
    return message && Buffer.isBuffer(message.headers) ? message.headers : undefined;
  }

  async fetch(uids: number[]): Promise<ImapMessage[]> {
    if (uids.length === 0) return [];
    const messages: ImapMessage[] = [];
    for await (const message of this.client.fetch(uids.join(','), { uid: true, source: true }, { uid: true })) {
      if (message.source) messages.push({ uid: message.uid, source: message.source });
    }
    return messages.sort((a, b) => a.uid - b.uid);
  }

  /**
   * Resolves when the folder may have changed (new mail, a new UIDVALIDITY), the connection
   * closed, the signal fired or timeoutMs passed, whichever comes first.
   */
  async waitForChange(signal: AbortSignal, timeoutMs: number): Promise<void> {
    if (this.changed || !this.alive || signal.aborted) return;
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const onChange = () => finish();
    const limit = this.supportsIdle ? timeoutMs : Math.min(timeoutMs, this.options.pollIntervalMs);
    const timer = setTimeout(onChange, limit);
    this.client.on('exists', onChange);
    this.client.on('mailboxOpen', onChange);
    this.client.on('close', onChange);
    signal.addEventListener('abort', onChange, { once: true });
    const idling = this.supportsIdle ? this.client.idle().catch(() => undefined) : undefined;
    try {
      await done;
    } finally {
      clearTimeout(timer);
      this.client.off('exists', onChange);
      this.client.off('mailboxOpen', onChange);
      this.client.off('close', onChange);
      signal.removeEventListener('abort', onChange);
    }
    // Any command ends IDLE; NOOP also collects what the server has to report.
    if (this.client.usable) await this.client.noop().catch(() => undefined);
    await idling;
  }

  async close(): Promise<void> {
    if (!this.client.usable) return this.client.close();
    await this.client.logout().catch(() => this.client.close());
  }
}

/** Logs in and out again; throws the server's answer when it refuses. */
export async function verifyImapLogin(server: MailServerSettings, timeoutMs: number): Promise<void> {
  const client = new ImapFlow(clientOptions(server, timeoutMs));
  client.on('error', () => undefined);
  await client.connect();
  await client.logout().catch(() => client.close());
}

/**
 * Keeps a copy of a sent e-mail in the mailbox's Sent folder (the one marked \Sent), as a mail
 * client does; answers false when the server has no such folder.
 */
export async function appendToSentFolder(server: MailServerSettings, raw: Buffer, timeoutMs: number): Promise<boolean> {
  const client = new ImapFlow(clientOptions(server, timeoutMs));
  client.on('error', () => undefined);
  await client.connect();
  try {
    const sent = (await client.list()).find((mailbox) => mailbox.specialUse === '\\Sent');
    if (!sent) return false;
    await client.append(sent.path, raw, ['\\Seen']);
    return true;
  } finally {
    await client.logout().catch(() => client.close());
  }
}
