import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import {
  activities,
  attachments,
  automationRuns,
  automationWebhookDeliveries,
  blacklistEntries,
  contactIdentities,
  contacts,
  conversationRatings,
  conversations,
  deals,
  InjectDb,
  messages,
  realtimeEvents,
  type Db,
  type Tx,
} from '@app/db';

/** Strips the columns that only serve search: they repeat the data in folded form. */
function withoutSearchText<T extends { searchText?: unknown }>(row: T): Omit<T, 'searchText'> {
  const { searchText: _searchText, ...rest } = row;
  return rest;
}

/** Everything stored about one contact, across modules, for an export or an erasure. */
@Injectable()
export class ContactDataRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async collect(contactId: string) {
    const [contact] = await this.db.select().from(contacts).where(eq(contacts.id, contactId));
    if (!contact) return undefined;
    const conversationRows = await this.db.select().from(conversations).where(eq(conversations.contactId, contactId)).orderBy(asc(conversations.id));
    const conversationIds = conversationRows.map((c) => c.id);
    const messageRows = conversationIds.length ? await this.db.select().from(messages).where(inArray(messages.conversationId, conversationIds)).orderBy(asc(messages.id)) : [];
    const messageIds = messageRows.map((m) => m.id);
    const attachmentRows = messageIds.length ? await this.db.select().from(attachments).where(inArray(attachments.messageId, messageIds)).orderBy(asc(attachments.id)) : [];
    return {
      contact: withoutSearchText(contact),
      identities: await this.db.select().from(contactIdentities).where(eq(contactIdentities.contactId, contactId)),
      conversations: conversationRows.map((conversation) => ({
        ...conversation,
        messages: messageRows
          .filter((message) => message.conversationId === conversation.id)
          .map((message) => ({
            ...withoutSearchText(message),
            attachments: attachmentRows.filter((file) => file.messageId === message.id).map(({ storageKey: _key, ...file }) => ({ ...file, stored: Boolean(_key) })),
          })),
      })),
      deals: (await this.db.select().from(deals).where(eq(deals.contactId, contactId))).map(withoutSearchText),
      activities: await this.db.select().from(activities).where(this.activitiesOf(contactId, conversationIds)),
      ratings: await this.db.select().from(conversationRatings).where(eq(conversationRatings.contactId, contactId)),
    };
  }

  /**
   * Deletes the contact and what is theirs in one transaction; deals stay without the contact.
   * Answers the storage keys of the files, which the caller removes once the transaction has committed.
   */
  async erase(contactId: string) {
    return this.db.transaction(async (tx) => {
      const [contact] = await tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, contactId)).for('update');
      if (!contact) return undefined;
      const conversationIds = (await tx.select({ id: conversations.id }).from(conversations).where(eq(conversations.contactId, contactId))).map((c) => c.id);
      const messageIds = conversationIds.length ? (await tx.select({ id: messages.id }).from(messages).where(inArray(messages.conversationId, conversationIds))).map((m) => m.id) : [];
      const files = messageIds.length ? await tx.select({ storageKey: attachments.storageKey }).from(attachments).where(inArray(attachments.messageId, messageIds)) : [];
      const removedActivities = await tx.delete(activities).where(this.activitiesOf(contactId, conversationIds)).returning({ id: activities.id });
      const unlinkedDeals = await tx.update(deals).set({ contactId: null }).where(eq(deals.contactId, contactId)).returning({ id: deals.id });
      if (conversationIds.length) await this.eraseConversationTraces(tx, conversationIds);
      await tx.delete(conversationRatings).where(eq(conversationRatings.contactId, contactId));
      await tx.delete(blacklistEntries).where(and(eq(blacklistEntries.kind, 'contact'), eq(blacklistEntries.value, contactId)));
      // Identities, conversations, their messages and attachment rows go with the contact (foreign keys cascade).
      await tx.delete(contacts).where(eq(contacts.id, contactId));
      return {
        conversations: conversationIds.length,
        messages: messageIds.length,
        attachments: files.length,
        storageKeys: files.map((f) => f.storageKey).filter((key): key is string => Boolean(key)),
        activities: removedActivities.length,
        dealsUnlinked: unlinkedDeals.length,
      };
    });
  }

  /** Copies of conversation content kept outside the conversation: live events and automation payloads. */
  private async eraseConversationTraces(tx: Tx, conversationIds: string[]) {
    await tx.delete(realtimeEvents).where(inArray(realtimeEvents.conversationId, conversationIds));
    const runs = await tx.select({ id: automationRuns.id }).from(automationRuns).where(inArray(automationRuns.conversationId, conversationIds));
    if (runs.length) {
      const runIds = runs.map((r) => r.id);
      await tx.delete(automationWebhookDeliveries).where(inArray(automationWebhookDeliveries.runId, runIds));
      await tx.delete(automationRuns).where(inArray(automationRuns.id, runIds));
    }
  }

  private activitiesOf(contactId: string, conversationIds: string[]) {
    return conversationIds.length ? or(eq(activities.contactId, contactId), inArray(activities.conversationId, conversationIds)) : eq(activities.contactId, contactId);
  }
}
