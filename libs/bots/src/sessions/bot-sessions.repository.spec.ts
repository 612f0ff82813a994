import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botFlows, contacts, conversations, inboxes, type DatabaseHandle } from '@app/db';
import { databaseTargets } from '../../../../test/support/databases.js';
import { ProductsRepository } from '../products/products.repository.js';
import { BotSessionsRepository } from './bot-sessions.repository.js';

describe.each(databaseTargets())('BotSessionsRepository on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let sessions: BotSessionsRepository;
    let flowId: string;
    let inboxId: string;

    beforeAll(async () => {
      handle = await target.open();
      sessions = new BotSessionsRepository(handle.db);
      [{ id: inboxId }] = await handle.db.insert(inboxes).values({ type: 'api', name: 'Bots', settings: {}, enabled: true }).returning();
      [{ id: flowId }] = await handle.db.insert(botFlows).values({ name: 'Flow', draft: {} }).returning();
    });
    afterAll(() => handle?.close());

    async function newConversation(): Promise<string> {
      const [contact] = await handle.db.insert(contacts).values({ name: 'Анна' }).returning();
      const [conversation] = await handle.db.insert(conversations).values({ inboxId, contactId: contact.id }).returning();
      return conversation.id;
    }

    it('keeps one running session per conversation and allows a new one after the first ended', async () => {
      const conversationId = await newConversation();
      const first = await sessions.insert({ conversationId, flowId, version: 1, locale: 'ru', variables: {}, expiresAt: null });
      expect(first).toMatchObject({ status: 'active', step: 0 });
      expect(await sessions.insert({ conversationId, flowId, version: 1, locale: 'ru', variables: {}, expiresAt: null })).toBeUndefined();
      expect((await sessions.running(conversationId))?.id).toBe(first!.id);
      expect(await sessions.end(first!.id, 'agent')).toMatchObject({ status: 'ended', endReason: 'agent' });
      expect(await sessions.running(conversationId)).toBeUndefined();
      expect(await sessions.insert({ conversationId, flowId, version: 2, locale: 'en', variables: {}, expiresAt: null })).toMatchObject({ version: 2 });
    });

    it('saves a step only over the step it was computed from', async () => {
      const conversationId = await newConversation();
      const session = (await sessions.insert({ conversationId, flowId, version: 1, locale: 'ru', variables: {}, expiresAt: null }))!;
      const saved = await sessions.saveStep(session.id, 0, { nodeId: 'ask', status: 'waiting', variables: { order: { name: 'Анна' } }, expiresAt: new Date(Date.now() - 1000) });
      expect(saved).toMatchObject({ step: 1, nodeId: 'ask', status: 'waiting', variables: { order: { name: 'Анна' } } });
      expect(await sessions.saveStep(session.id, 0, { nodeId: 'other' })).toBeUndefined();
      expect((await sessions.expired(new Date())).map((s) => s.id)).toContain(session.id);
    });

    it('takes ordered quantities off counted stock, never below zero, and leaves uncounted products alone', async () => {
      const products = new ProductsRepository(handle.db);
      const counted = await products.create({ name: 'Кофе', price: '890.00', stock: 3 });
      const uncounted = await products.create({ name: 'Кружка', price: '650.00', stock: null });
      await products.takeFromStock([{ productId: counted.id, quantity: 2 }, { productId: uncounted.id, quantity: 5 }]);
      expect((await products.findById(counted.id))?.stock).toBe(1);
      await products.takeFromStock([{ productId: counted.id, quantity: 4 }]);
      expect((await products.findById(counted.id))?.stock).toBe(0);
      expect((await products.findById(uncounted.id))?.stock).toBeNull();
    });
  });
});
