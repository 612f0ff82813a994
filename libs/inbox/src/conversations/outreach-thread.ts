import { and, desc, eq } from 'drizzle-orm';
import { contactIdentities, conversations, type ContactIdentity, type Conversation } from '@app/db';
import type { Executor } from './conversations.repository.js';

/**
 * Where a message the company starts reaches the contact in an inbox: their latest identity there,
 * else one made from `newAddress` (an e-mail address, a phone); null when neither exists or the
 * address already belongs to another contact in this inbox.
 */
export async function outreachIdentity(tx: Executor, contactId: string, inboxId: string, newAddress: string | null): Promise<ContactIdentity | null> {
  const [latest] = await tx
    .select()
    .from(contactIdentities)
    .where(and(eq(contactIdentities.contactId, contactId), eq(contactIdentities.inboxId, inboxId)))
    .orderBy(desc(contactIdentities.updatedAt), desc(contactIdentities.id))
    .limit(1);
  if (latest) return latest;
  if (!newAddress) return null;
  const [created] = await tx.insert(contactIdentities).values({ contactId, inboxId, externalId: newAddress }).onConflictDoNothing().returning();
  return created ?? null;
}

/** The contact's latest conversation in the inbox, locked, whatever its status. */
export async function latestConversationForUpdate(tx: Executor, contactId: string, inboxId: string): Promise<Conversation | undefined> {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.contactId, contactId), eq(conversations.inboxId, inboxId)))
    .orderBy(desc(conversations.id))
    .for('update')
    .limit(1);
  return row;
}
