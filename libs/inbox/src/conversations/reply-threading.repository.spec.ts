import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, conversations, inboxes, messages, type Conversation, type DatabaseHandle } from '@app/db';
import { databaseTargets } from '../../../../test/support/databases.js';
import { ConversationsRepository } from './conversations.repository.js';
import { MessagesRepository } from './messages.repository.js';

/** The queries that thread an e-mail reply into its conversation and give an outbound reply its context. */
describe.each(databaseTargets())('reply threading queries on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let conversationsRepo: ConversationsRepository;
    let messagesRepo: MessagesRepository;
    let inboxId: string;
    let ivan: string;
    let olga: string;

    beforeAll(async () => {
      handle = await target.open();
      conversationsRepo = new ConversationsRepository(handle.db);
      messagesRepo = new MessagesRepository(handle.db);
      [{ id: inboxId }] = await handle.db.insert(inboxes).values({ type: 'email', name: 'Почта', settings: {} }).returning();
      [{ id: ivan }, { id: olga }] = await handle.db.insert(contacts).values([{ name: 'Иван' }, { name: 'Ольга' }]).returning();
    });
    afterAll(() => handle?.close());

    const openConversation = async (contactId: string, status: Conversation['status'] = 'open', threadKey: string | null = null) => {
      const [row] = await handle.db.insert(conversations).values({ inboxId, contactId, status, threadKey }).returning();
      return row;
    };
    const message = async (conversationId: string, externalId: string | null, messageType: 'incoming' | 'outgoing' = 'incoming', contentAttributes = {}) => {
      const [row] = await handle.db
        .insert(messages)
        .values({ conversationId, inboxId, messageType, senderType: messageType === 'incoming' ? 'contact' : 'user', externalId, contentAttributes })
        .returning();
      return row;
    };
    const inTransaction = <T>(work: (tx: Parameters<Parameters<typeof handle.db.transaction>[0]>[0]) => Promise<T>) => handle.db.transaction(work);

    it('finds the open conversation of the nearest answered message, whatever its thread key', async () => {
      const older = await openConversation(ivan, 'open', '<root-a@x>');
      const newer = await openConversation(ivan, 'pending', '<root-b@x>');
      await message(older.id, '<a1@x>');
      await message(newer.id, '<b1@x>', 'outgoing');
      const found = await inTransaction((tx) => conversationsRepo.findActiveByMessage(tx, inboxId, ivan, ['<b1@x>', '<a1@x>', '<unknown@x>']));
      expect(found?.id).toBe(newer.id);
      const other = await inTransaction((tx) => conversationsRepo.findActiveByMessage(tx, inboxId, ivan, ['<unknown@x>', '<a1@x>']));
      expect(other?.id).toBe(older.id);
    });

    it('finds nothing for another contact, a resolved conversation or unknown ids', async () => {
      const resolved = await openConversation(ivan, 'resolved');
      await message(resolved.id, '<r1@x>');
      const olgas = await openConversation(olga);
      await message(olgas.id, '<o1@x>');
      await inTransaction(async (tx) => {
        expect(await conversationsRepo.findActiveByMessage(tx, inboxId, ivan, ['<r1@x>'])).toBeUndefined();
        expect(await conversationsRepo.findActiveByMessage(tx, inboxId, ivan, ['<o1@x>'])).toBeUndefined();
        expect(await conversationsRepo.findActiveByMessage(tx, inboxId, ivan, ['<nothing@x>'])).toBeUndefined();
        expect(await conversationsRepo.findActiveByMessage(tx, inboxId, ivan, [])).toBeUndefined();
      });
    });

    it('answers the contact\'s latest message with an external id before a reply', async () => {
      const conversation = await openConversation(olga);
      const first = await message(conversation.id, '<q1@x>', 'incoming', { email: { subject: 'Вопрос' } });
      const second = await message(conversation.id, '<q2@x>', 'incoming', { email: { subject: 'Re: Вопрос' } });
      await message(conversation.id, null);
      const reply = await message(conversation.id, null, 'outgoing');
      const later = await message(conversation.id, '<q3@x>');
      expect((await messagesRepo.latestIncomingBefore(conversation.id, reply.id))?.id).toBe(second.id);
      expect((await messagesRepo.latestIncomingBefore(conversation.id, second.id))?.id).toBe(first.id);
      expect((await messagesRepo.latestIncomingBefore(conversation.id, later.id))?.contentAttributes).toEqual({ email: { subject: 'Re: Вопрос' } });
      expect(await messagesRepo.latestIncomingBefore(conversation.id, first.id)).toBeUndefined();
    });
  });
});
