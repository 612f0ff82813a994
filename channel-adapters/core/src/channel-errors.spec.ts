import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChannelConfigError, ChannelError, WebhookPayloadError } from './channel-errors.js';

describe('ChannelError', () => {
  it('carries the kind, the reason and the delay when built by its helpers', () => {
    expect(ChannelError.retryable('down')).toMatchObject({ kind: 'retryable', reason: 'down', retryAfterMs: undefined });
    expect(ChannelError.rateLimited('slow down', 5000)).toMatchObject({ kind: 'rate_limited', reason: 'slow down', retryAfterMs: 5000 });
    expect(ChannelError.permanent('blocked')).toMatchObject({ kind: 'permanent', reason: 'blocked', message: 'blocked' });
  });

  it('keeps the catalog key of a reason the product shows in its own languages, beside the English reason', () => {
    const error = ChannelError.permanent('The person forbids messages', { reasonKey: 'channel.vk.messages_denied', identityFlags: { messagesDenied: true } });
    expect(error).toMatchObject({ reason: 'The person forbids messages', reasonKey: 'channel.vk.messages_denied', identityFlags: { messagesDenied: true } });
  });
});

describe('ChannelConfigError', () => {
  it('names the settings field to correct and the catalog key of the reason when given', () => {
    expect(new ChannelConfigError('Enter a secret key', { field: 'secretKey', reasonKey: 'channel.vk.secret_key_required' })).toMatchObject({ reason: 'Enter a secret key', field: 'secretKey', reasonKey: 'channel.vk.secret_key_required' });
    expect(new ChannelConfigError('Wrong token')).toMatchObject({ field: undefined, reasonKey: undefined });
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
