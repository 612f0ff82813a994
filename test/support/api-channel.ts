import { createHmac } from 'node:crypto';
import type { TestApp } from './test-app.js';

export function signature(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface ApiInbox {
  id: string;
  webhookSecret: string;
}

/** Creates an "api" inbox whose replies go to callbackUrl; answers its id and webhook secret. */
export async function createApiInbox(t: TestApp, adminToken: string, callbackUrl?: string, name = 'Сайт'): Promise<ApiInbox> {
  const res = await t
    .http()
    .post('/api/inboxes')
    .set('Authorization', `Bearer ${adminToken}`)
    .send({ type: 'api', name, settings: callbackUrl ? { callbackUrl } : {} })
    .expect(201);
  return { id: res.body.id, webhookSecret: res.body.webhookSecret };
}

export interface InboundPayload {
  externalId: string;
  contact: { externalId: string; name?: string; phone?: string; email?: string };
  text?: string;
  attachments?: { url: string; fileName?: string; contentType?: string }[];
}

/** Posts a webhook signed like a real integration: the HMAC covers the exact bytes sent. */
export function postWebhook(t: TestApp, inbox: ApiInbox, payload: InboundPayload | string, options: { secret?: string } = {}) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return t
    .http()
    .post(`/webhooks/${inbox.id}`)
    .set('Content-Type', 'application/json')
    .set('X-Hub-Signature-256', signature(options.secret ?? inbox.webhookSecret, body))
    .send(body);
}
