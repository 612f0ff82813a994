import { randomUUID } from 'node:crypto';
import type { PresenceStatus } from '@app/db';
import { postWebhook, type ApiInbox } from './api-channel.js';
import type { TestApp } from './test-app.js';

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface ConversationBody {
  id: string;
  inboxId: string;
  contactId: string;
  status: string;
  assigneeId: string | null;
  teamId: string | null;
  dealId: string | null;
  labels: string[];
  priority: string | null;
}

/** Routing tests' vocabulary over HTTP: agents change status, customers write, the admin looks. */
export function routingHelpers(t: TestApp, admin: () => string) {
  return {
    async setStatus(token: string, status: PresenceStatus) {
      return (await t.http().put('/api/users/me/availability').set(auth(token)).send({ status }).expect(200)).body;
    },
    async createPolicy(body: Record<string, unknown>): Promise<{ id: string }> {
      return (await t.http().post('/api/assignment-policies').set(auth(admin())).send(body).expect(201)).body;
    },
    /** The customer sends a message; answers the conversation it landed in, as the admin sees it after routing. */
    async customerWrites(inbox: ApiInbox, contact: { externalId: string; name?: string; phone?: string; email?: string }, text = 'Здравствуйте'): Promise<ConversationBody> {
      const marker = `m${randomUUID().replace(/-/g, '')}`;
      await postWebhook(t, inbox, { externalId: marker, contact, text: `${text} ${marker}` }).expect(200);
      const found = await t.http().get('/api/conversations').query({ inboxId: inbox.id, status: 'all', q: marker }).set(auth(admin())).expect(200);
      if (found.body.items.length !== 1) throw new Error(`expected the conversation of message ${marker}, found ${found.body.items.length}`);
      return found.body.items[0] as ConversationBody;
    },
    async conversation(id: string): Promise<ConversationBody> {
      return (await t.http().get(`/api/conversations/${id}`).set(auth(admin())).expect(200)).body;
    },
    async setConversationStatus(id: string, status: 'open' | 'pending' | 'resolved', token = admin()) {
      await t.http().post(`/api/conversations/${id}/status`).set(auth(token)).send({ status }).expect(200);
    },
    async assign(id: string, assigneeId: string | null) {
      await t.http().post(`/api/conversations/${id}/assignment`).set(auth(admin())).send({ assigneeId }).expect(200);
    },
    async messages(id: string): Promise<Array<{ messageType: string; senderType: string; content: string | null; contentAttributes: Record<string, unknown> }>> {
      return (await t.http().get(`/api/conversations/${id}/messages`).set(auth(admin())).expect(200)).body.items;
    },
  };
}
