import { ChannelConfigError, ChannelError, type InboundEvent, type PollResult } from '@channel-adapters/core';
import { EmailSettingsError, type EmailChannelSettings } from '../email.settings.js';
import { emailToEvents } from '../mime/parse-email.js';
import { describeImapFailure, ImapSession, isImapAuthFailure, type ImapSessionOptions } from './imap-session.js';
import { readMailboxCursor, withFolder, type FolderCursor, type MailboxCursor } from './mailbox-cursor.js';

export const SYNCED_FOLDER = 'INBOX';
const DAY_MS = 24 * 60 * 60_000;
const UNUSED_GRACE_MS = 30_000;
const MAX_BATCH_BYTES = 50 * 1024 * 1024;

export interface MailboxPollerOptions extends ImapSessionOptions {
  /** How long one poll waits for new mail before answering with nothing (the caller renews its lease meanwhile). */
  maxWaitMs: number;
  /** Messages fetched and handed over per poll; the cursor moves after each batch. */
  batchSize: number;
  /** Larger e-mails are kept by their headers only, so one huge e-mail cannot exhaust the memory. */
  maxMessageBytes: number;
}

/**
 * Syncs an inbox's INBOX folder by UID: the first sync reaches back initialSyncDays, then every
 * poll hands over the messages above the last UID, or waits (IDLE) until there are some. A new
 * UIDVALIDITY (a rebuilt or recreated folder) makes every stored UID meaningless: the folder is
 * caught up again from the day before it was last seen up to date, and the core's dedupe on the
 * Message-ID drops what it already has. One IMAP connection per inbox stays open between polls.
 */
export class MailboxPoller {
  private readonly sessions = new Map<string, { session: ImapSession; fingerprint: string; idleTimer?: NodeJS.Timeout }>();

  constructor(private readonly options: MailboxPollerOptions) {}

  async poll(inboxId: string, settings: EmailChannelSettings, cursorValue: unknown, signal: AbortSignal): Promise<PollResult> {
    try {
      return await this.pollOnce(inboxId, settings, cursorValue, signal);
    } finally {
      // An aborted poll means the caller stops polling: the connection must not keep the process alive.
      if (signal.aborted) await this.drop(inboxId);
      else this.closeWhenUnused(inboxId);
    }
  }

  private async pollOnce(inboxId: string, settings: EmailChannelSettings, cursorValue: unknown, signal: AbortSignal): Promise<PollResult> {
    try {
      const { session, opened } = await this.sessionFor(inboxId, settings);
      const cursor = readMailboxCursor(cursorValue);
      const folder = await this.currentFolder(session, cursor.folders[SYNCED_FOLDER], settings);
      let uids = await session.uidsAfter(folder.lastUid);
      if (uids.length === 0) {
        const checked = withFolder(cursor, SYNCED_FOLDER, { ...folder, backlog: undefined, checkedAt: new Date().toISOString() });
        // A new connection or a folder just (re)started is answered at once: the caller records that
        // reading works again (clearing a failure shown on the inbox) and stores the position.
        if (opened || folder !== cursor.folders[SYNCED_FOLDER]) return { events: [], cursor: checked };
        await session.waitForChange(signal, this.options.maxWaitMs);
        // A new UIDVALIDITY while waiting makes lastUid meaningless: the next poll starts the folder over.
        if (signal.aborted || !session.alive || session.uidValidity !== folder.uidValidity) return { events: [], cursor: checked };
        uids = await session.uidsAfter(folder.lastUid);
        if (uids.length === 0) return { events: [], cursor: checked };
      }
      const { batch, events } = await this.fetchBatch(session, uids, settings);
      return { ...this.afterBatch(cursor, folder, batch, uids.length), events };
    } catch (error) {
      await this.drop(inboxId);
      throw pollError(error);
    }
  }

  /**
   * The next messages as events, at most batchSize of them and MAX_BATCH_BYTES together (at least
   * one). A message beyond maxMessageBytes is read by its headers only and kept with a warning.
   */
  private async fetchBatch(session: ImapSession, uids: number[], settings: EmailChannelSettings): Promise<{ batch: number[]; events: InboundEvent[] }> {
    const candidates = uids.slice(0, this.options.batchSize);
    const sizes = await session.sizes(candidates);
    const limit = this.options.maxMessageBytes;
    const batch: number[] = [];
    let bytes = 0;
    for (const uid of candidates) {
      const size = Math.min(sizes.get(uid) ?? 0, limit);
      if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
      batch.push(uid);
      bytes += size;
    }
    const tooLarge = batch.filter((uid) => (sizes.get(uid) ?? 0) > limit);
    const options = { ownAddress: settings.fromAddress };
    const sources = new Map((await session.fetch(batch.filter((uid) => !tooLarge.includes(uid)))).map((m) => [m.uid, m.source]));
    for (const uid of tooLarge) {
      const headers = await session.headersOf(uid);
      if (headers) sources.set(uid, headers);
    }
    // In UID order, so that the conversation shows the mail in the order it arrived.
    const events: InboundEvent[] = [];
    for (const uid of batch) {
      const source = sources.get(uid);
      if (source) events.push(...(await emailToEvents(source, tooLarge.includes(uid) ? { ...options, tooLargeBytes: sizes.get(uid) } : options)));
    }
    return { batch, events };
  }

  /** Closes the inbox's connection (the inbox was switched off, deleted, or its sync stops). */
  async drop(inboxId: string): Promise<void> {
    const open = this.sessions.get(inboxId);
    this.sessions.delete(inboxId);
    clearTimeout(open?.idleTimer);
    await open?.session.close().catch(() => undefined);
  }

  /** A connection nobody polls any more (another process took the inbox over) is closed after a while. */
  private closeWhenUnused(inboxId: string): void {
    const open = this.sessions.get(inboxId);
    if (!open) return;
    clearTimeout(open.idleTimer);
    open.idleTimer = setTimeout(() => void this.drop(inboxId), this.options.maxWaitMs + UNUSED_GRACE_MS);
    open.idleTimer.unref();
  }

  async dropAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.drop(id)));
  }

  private afterBatch(cursor: MailboxCursor, folder: FolderCursor, batch: number[], pending: number): Omit<PollResult, 'events'> {
    const lastUid = batch[batch.length - 1];
    const backlog = folder.backlog ? { ...folder.backlog, done: Math.min(folder.backlog.total, folder.backlog.done + batch.length) } : undefined;
    const caughtUp = !backlog || lastUid >= backlog.untilUid || batch.length >= pending;
    const next: FolderCursor = { ...folder, lastUid, backlog: caughtUp ? undefined : backlog, checkedAt: batch.length >= pending ? new Date().toISOString() : folder.checkedAt };
    return {
      cursor: withFolder(cursor, SYNCED_FOLDER, next),
      // Shown while a catch-up runs; once it is done there is nothing to show.
      progress: backlog && !caughtUp ? { done: backlog.done, total: backlog.total } : undefined,
    };
  }

  /** The folder's cursor, started or restarted when there is none or the UIDVALIDITY changed. */
  private async currentFolder(session: ImapSession, stored: FolderCursor | undefined, settings: EmailChannelSettings): Promise<FolderCursor> {
    if (stored && stored.uidValidity === session.uidValidity) return stored;
    const firstSyncFrom = Date.now() - settings.initialSyncDays * DAY_MS;
    // An interrupted catch-up starts over; otherwise a day of overlap covers mail that arrived meanwhile.
    const since = new Date(!stored || stored.backlog ? firstSyncFrom : Math.min(Date.now(), Date.parse(stored.checkedAt ?? '') || Date.now()) - DAY_MS);
    const uids = await session.uidsSince(since);
    const start = uids.length ? uids[0] - 1 : session.uidNext - 1;
    return {
      uidValidity: session.uidValidity,
      lastUid: start,
      backlog: uids.length ? { total: uids.length, done: 0, untilUid: uids[uids.length - 1] } : undefined,
    };
  }

  private async sessionFor(inboxId: string, settings: EmailChannelSettings): Promise<{ session: ImapSession; opened: boolean }> {
    const fingerprint = JSON.stringify(settings.imap);
    const open = this.sessions.get(inboxId);
    if (open?.fingerprint === fingerprint && open.session.alive) {
      clearTimeout(open.idleTimer);
      return { session: open.session, opened: false };
    }
    await this.drop(inboxId);
    const session = await ImapSession.open(settings.imap, SYNCED_FOLDER, this.options);
    this.sessions.set(inboxId, { session, fingerprint });
    return { session, opened: true };
  }
}

/** A refused login will be refused again: a config error. Anything else (network, server hiccup) is retried. */
function pollError(error: unknown): Error {
  if (error instanceof ChannelConfigError || error instanceof ChannelError) return error;
  if (error instanceof EmailSettingsError) return new ChannelConfigError(error.message, { cause: error });
  if (isImapAuthFailure(error)) return new ChannelConfigError(`IMAP authentication failed: ${describeImapFailure(error)}`, { cause: error });
  return ChannelError.retryable(`IMAP: ${describeImapFailure(error)}`, { cause: error });
}
