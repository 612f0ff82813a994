import { Injectable } from '@nestjs/common';
import { and, desc, eq, sql } from 'drizzle-orm';
import { conversations, type Conversation } from '@app/db';
import type { Executor } from '../conversations/conversations.repository.js';

@Injectable()
export class CallsRepository {
  /** Serialises the steps of one call, so two webhooks of the same call never make two call records. */
  async lockCall(tx: Executor, inboxId: string, callId: string): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`call:${inboxId}:${callId}`}))`);
  }

  /** The contact's latest conversation in the inbox, whatever its status: a call joins the thread it belongs to. */
  async latestConversation(tx: Executor, inboxId: string, contactId: string): Promise<Conversation | undefined> {
    const [row] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.inboxId, inboxId), eq(conversations.contactId, contactId)))
      .orderBy(desc(conversations.id))
      .for('update')
      .limit(1);
    return row;
  }
}
