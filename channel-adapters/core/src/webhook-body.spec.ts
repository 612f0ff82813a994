import { describe, expect, it } from 'vitest';
import { WebhookPayloadError } from './channel-errors.js';
import { webhookRequest } from './testing/webhook-request.js';
import { readJsonBody } from './webhook-body.js';

describe('readJsonBody', () => {
  it('parses the raw bytes rather than the pre-parsed body', () => {
    const request = { ...webhookRequest({ rawBody: '{"text":"Привет"}' }), body: { text: 'something else' } };
    expect(readJsonBody(request)).toEqual({ text: 'Привет' });
  });

  it('throws WebhookPayloadError when the body is not JSON', () => {
    expect(() => readJsonBody(webhookRequest({ rawBody: '{not json' }))).toThrow(WebhookPayloadError);
  });

  it('throws WebhookPayloadError when the body is empty', () => {
    expect(() => readJsonBody(webhookRequest({ rawBody: '' }))).toThrow(/empty/);
  });
});
