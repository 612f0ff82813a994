import {
  AttachmentTooLargeError,
  ChannelConfigError,
  ChannelError,
  downloadPublicFile,
  WebhookAuthError,
  WebhookPayloadError,
  type ChannelAdapter,
  type ChannelCapabilities,
  type ChannelContext,
  type ConnectContext,
  type ConnectResult,
  type OutboundAttachment,
  type OutboundMessage,
  type ParseResult,
  type PollResult,
  type SendResult,
} from '@channel-adapters/core';
import { EmailSettingsError, readEmailSettings, type EmailChannelSettings } from './email.settings.js';
import { appendToSentFolder, describeImapFailure, verifyImapLogin } from './imap/imap-session.js';
import { MailboxPoller, type MailboxPollerOptions } from './imap/mailbox-poller.js';
import { composeReply, EmailCompositionError, type ComposedEmail } from './smtp/compose-reply.js';
import { describeSmtpFailure, sendComposed, verifySmtp } from './smtp/smtp-client.js';

export interface EmailChannelAdapterOptions extends Partial<MailboxPollerOptions> {
  /** Lets attachments be fetched from private and loopback addresses; only tests set this. */
  allowPrivateAttachmentUrls?: boolean;
  /** Reports what went wrong besides the delivery itself (the Sent copy); a process warning by default. */
  onWarning?: (message: string, inboxId: string) => void;
}

/** Mail servers commonly refuse messages above 25 MB; base64 makes a file a third larger. */
const MAX_ATTACHMENT_BYTES = 18 * 1024 * 1024;

// An e-mail above 40 MB cannot carry a file the product would store (20 MB, a third more in base64).
const DEFAULTS: MailboxPollerOptions = { timeoutMs: 20_000, pollIntervalMs: 30_000, maxWaitMs: 60_000, batchSize: 10, maxMessageBytes: 40 * 1024 * 1024 };

/**
 * E-mail inboxes: IMAP in (IDLE where offered, UID tracking), SMTP out with nodemailer, replies
 * threaded under the customer's e-mail. Mail never arrives by webhook: the mailbox sync polls
 * (poll) and the webhook URL answers 404.
 */
export class EmailChannelAdapter implements ChannelAdapter {
  readonly type = 'email' as const;

  readonly capabilities: ChannelCapabilities = {
    maxTextLength: 100_000,
    buttons: false,
    media: ['image', 'video', 'audio', 'file'],
    edits: false,
    replies: true,
    typing: false,
    webhooks: false,
  };

  private readonly options: MailboxPollerOptions;
  private readonly poller: MailboxPoller;

  constructor(private readonly config: EmailChannelAdapterOptions = {}) {
    this.options = { ...DEFAULTS, ...withoutUndefined(config) };
    this.poller = new MailboxPoller(this.options);
  }

  async verify(): Promise<void> {
    throw new WebhookAuthError('E-mail inboxes receive mail over IMAP, not by webhook');
  }

  async parse(): Promise<ParseResult> {
    throw new WebhookPayloadError('E-mail inboxes receive mail over IMAP, not by webhook');
  }

  /** Logs in to both servers before the settings are saved, and says which one refused and why. */
  async connect(context: ConnectContext): Promise<ConnectResult> {
    const settings = settingsOrConfigError(context.settings);
    const [imap, smtp] = await Promise.allSettled([verifyImapLogin(settings.imap, this.options.timeoutMs), verifySmtp(settings.smtp, this.options)]);
    const problems = [
      imap.status === 'rejected' ? `IMAP login to ${settings.imap.host}:${settings.imap.port} failed: ${describeImapFailure(imap.reason)}` : undefined,
      smtp.status === 'rejected' ? `SMTP login to ${settings.smtp.host}:${settings.smtp.port} failed: ${describeSmtpFailure(smtp.reason)}` : undefined,
    ].filter(Boolean);
    if (problems.length) throw new ChannelConfigError(problems.join('; '));
    return {};
  }

  async disconnect(context: ChannelContext): Promise<void> {
    await this.poller.drop(context.inboxId);
  }

  /** One step of the mailbox sync: the next batch of mail after the cursor, or a wait (IDLE) for some. */
  async poll(context: ChannelContext, cursor: unknown, signal: AbortSignal): Promise<PollResult> {
    return this.poller.poll(context.inboxId, settingsOrConfigError(context.settings), cursor, signal);
  }

  async send(message: OutboundMessage, context: ChannelContext): Promise<SendResult> {
    let settings: EmailChannelSettings;
    try {
      settings = readEmailSettings(context.settings);
    } catch (error) {
      throw ChannelError.permanent((error as Error).message, { cause: error });
    }
    const email = await this.compose(message, settings);
    await sendComposed(settings.smtp, email, this.options);
    await this.keepSentCopy(settings, email, context.inboxId);
    return { externalId: email.messageId };
  }

  /** Closes every open IMAP connection (the process is stopping). */
  async close(): Promise<void> {
    await this.poller.dropAll();
  }

  private async compose(message: OutboundMessage, settings: EmailChannelSettings): Promise<ComposedEmail> {
    const attachments = await Promise.all((message.attachments ?? []).map((attachment) => this.withContent(attachment)));
    try {
      return await composeReply({ ...message, attachments }, settings);
    } catch (error) {
      if (error instanceof EmailCompositionError) throw ChannelError.permanent(error.message, { cause: error });
      throw ChannelError.retryable(`The e-mail could not be put together: ${(error as Error).message}`, { cause: error });
    }
  }

  /** A file given by URL is fetched here, never from the server's own network, and carried in the e-mail. */
  private async withContent(attachment: OutboundAttachment): Promise<OutboundAttachment> {
    if (attachment.data || !attachment.url) return attachment;
    try {
      const file = await downloadPublicFile(attachment.url, { maxBytes: MAX_ATTACHMENT_BYTES, timeoutMs: this.options.timeoutMs, allowPrivate: this.config.allowPrivateAttachmentUrls });
      return { ...attachment, data: file.data };
    } catch (error) {
      if (error instanceof ChannelError) throw error;
      if (error instanceof AttachmentTooLargeError) throw ChannelError.permanent(`The attachment ${attachment.fileName} is larger than ${MAX_ATTACHMENT_BYTES} bytes`, { cause: error });
      throw ChannelError.permanent(`The attachment ${attachment.fileName} cannot be fetched: ${(error as Error).message}`, { cause: error });
    }
  }

  /** The customer has the e-mail already: a missing Sent copy is reported, never a failed delivery. */
  private async keepSentCopy(settings: EmailChannelSettings, email: ComposedEmail, inboxId: string): Promise<void> {
    try {
      await appendToSentFolder(settings.imap, email.raw, this.options.timeoutMs);
    } catch (error) {
      const message = `The sent e-mail ${email.messageId} of inbox ${inboxId} could not be copied to the Sent folder: ${describeImapFailure(error)}`;
      if (this.config.onWarning) this.config.onWarning(message, inboxId);
      else process.emitWarning(message, 'EmailSentCopyWarning');
    }
  }
}

function settingsOrConfigError(settings: Record<string, unknown>): EmailChannelSettings {
  try {
    return readEmailSettings(settings);
  } catch (error) {
    if (error instanceof EmailSettingsError) throw new ChannelConfigError(error.message, { cause: error });
    throw error;
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
