export type ChannelErrorKind = 'retryable' | 'rate_limited' | 'permanent';

/**
 * A failed delivery, typed by what the worker should do next: retry with backoff, wait for
 * retryAfterMs, or give up and mark the message failed with the reason shown to the agent.
 */
export class ChannelError extends Error {
  override readonly name = 'ChannelError';

  constructor(
    readonly kind: ChannelErrorKind,
    readonly reason: string,
    readonly retryAfterMs?: number,
    options?: ErrorOptions,
  ) {
    super(reason, options);
  }

  static retryable(reason: string, options?: ErrorOptions): ChannelError {
    return new ChannelError('retryable', reason, undefined, options);
  }

  static rateLimited(reason: string, retryAfterMs: number, options?: ErrorOptions): ChannelError {
    return new ChannelError('rate_limited', reason, retryAfterMs, options);
  }

  static permanent(reason: string, options?: ErrorOptions): ChannelError {
    return new ChannelError('permanent', reason, undefined, options);
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
