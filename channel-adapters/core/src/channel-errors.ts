export type ChannelErrorKind = 'retryable' | 'rate_limited' | 'permanent';

export interface ChannelErrorOptions extends ErrorOptions {
  /**
   * Facts about the recipient's channel identity learnt from the failure, stored on it by the worker
   * (`{ blocked: true }` when the person blocked the bot).
   */
  identityFlags?: Record<string, unknown>;
  /**
   * The reason as a key of the product's message catalogs (`channel.vk.messages_denied`), for the reasons an
   * agent or administrator must act on; the worker shows it in the product's language, `reason` stays English for logs.
   */
  reasonKey?: string;
}

/**
 * A failed delivery, typed by what the worker should do next: retry with backoff, wait for
 * retryAfterMs, or give up and mark the message failed with the reason shown to the agent.
 */
export class ChannelError extends Error {
  override readonly name = 'ChannelError';
  readonly identityFlags?: Record<string, unknown>;
  readonly reasonKey?: string;

  constructor(
    readonly kind: ChannelErrorKind,
    readonly reason: string,
    readonly retryAfterMs?: number,
    options?: ChannelErrorOptions,
  ) {
    super(reason, options);
    this.identityFlags = options?.identityFlags;
    this.reasonKey = options?.reasonKey;
  }

  static retryable(reason: string, options?: ChannelErrorOptions): ChannelError {
    return new ChannelError('retryable', reason, undefined, options);
  }

  static rateLimited(reason: string, retryAfterMs: number, options?: ChannelErrorOptions): ChannelError {
    return new ChannelError('rate_limited', reason, retryAfterMs, options);
  }

  static permanent(reason: string, options?: ChannelErrorOptions): ChannelError {
    return new ChannelError('permanent', reason, undefined, options);
  }
}

/** The inbox's settings do not work with the channel (a revoked token, no public address for a webhook); the reason says what to fix. */
export interface ChannelConfigErrorOptions extends ErrorOptions {
  /** The reason as a key of the product's message catalogs, shown in the administrator's language. */
  reasonKey?: string;
  /** The settings field to correct (`secretKey`), so a form can show the reason beside it. */
  field?: string;
}

export class ChannelConfigError extends Error {
  override readonly name = 'ChannelConfigError';
  readonly reasonKey?: string;
  readonly field?: string;

  constructor(
    readonly reason: string,
    options?: ChannelConfigErrorOptions,
  ) {
    super(reason, options);
    this.reasonKey = options?.reasonKey;
    this.field = options?.field;
  }
}

/** An inbound file is bigger than the channel lets a bot download or the product stores. */
export class AttachmentTooLargeError extends Error {
  override readonly name = 'AttachmentTooLargeError';

  constructor(
    readonly maxBytes: number,
    readonly sizeBytes?: number,
  ) {
    super(`The file is larger than ${maxBytes} bytes${sizeBytes ? ` (${sizeBytes} bytes)` : ''}`);
  }
}

/** The webhook's signature or secret is missing or wrong; the server answers 401. */
export class WebhookAuthError extends Error {
  override readonly name = 'WebhookAuthError';

  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface PayloadIssue {
  /** Dot path of the offending field, e.g. `attachments.0.url`; empty for the body as a whole. */
  field: string;
  message: string;
}

/** A path segment as zod and Standard Schema report it. */
type IssuePathSegment = PropertyKey | { readonly key: PropertyKey };

/** The webhook's payload is malformed; the server answers 400 with the reason and the offending fields. */
export class WebhookPayloadError extends Error {
  override readonly name = 'WebhookPayloadError';

  constructor(
    readonly reason: string,
    readonly issues: PayloadIssue[] = [],
  ) {
    super(issues.length ? `${reason}: ${issues.map(describeIssue).join('; ')}` : reason);
  }

  /** Builds the error from zod (or any Standard Schema) issues. */
  static fromIssues(
    reason: string,
    issues: ReadonlyArray<{ readonly path?: ReadonlyArray<IssuePathSegment>; readonly message: string }>,
  ): WebhookPayloadError {
    return new WebhookPayloadError(
      reason,
      issues.map((issue) => ({ field: issuePath(issue.path ?? []), message: issue.message })),
    );
  }
}

function issuePath(path: ReadonlyArray<IssuePathSegment>): string {
  return path.map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.');
}

function describeIssue(issue: PayloadIssue): string {
  return issue.field ? `${issue.field}: ${issue.message}` : issue.message;
}
