import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChannelError, WebhookPayloadError } from './channel-errors.js';

describe('ChannelError', () => {
  it('carries the kind, the reason and the delay when built by its helpers', () => {
    expect(ChannelError.retryable('down')).toMatchObject({ kind: 'retryable', reason: 'down', retryAfterMs: undefined });
    expect(ChannelError.rateLimited('slow down', 5000)).toMatchObject({ kind: 'rate_limited', reason: 'slow down', retryAfterMs: 5000 });
    expect(ChannelError.permanent('blocked')).toMatchObject({ kind: 'permanent', reason: 'blocked', message: 'blocked' });
  });
});

describe('WebhookPayloadError', () => {
  it('lists the offending field paths when built from zod issues', () => {
    const schema = z.object({ contact: z.object({ externalId: z.string() }), attachments: z.array(z.object({ url: z.url() })) });
    const result = schema.safeParse({ contact: {}, attachments: [{ url: 'nope' }] });
    const error = WebhookPayloadError.fromIssues('The message is invalid', result.error!.issues);

    expect(error.issues.map((issue) => issue.field)).toEqual(['contact.externalId', 'attachments.0.url']);
    expect(error.message).toContain('contact.externalId: ');
    expect(error.reason).toBe('The message is invalid');
  });

  it('keeps the plain reason as message when there are no field issues', () => {
    expect(new WebhookPayloadError('The body is empty').message).toBe('The body is empty');
  });
});
