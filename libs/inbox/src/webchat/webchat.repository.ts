import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { contactIdentities, contacts, conversations, inboxes, InjectDb, messages, type Db, type Inbox, type Message } from '@app/db';

export interface VisitorContact {
  identityId: string;
  name: string;
  emails: string[];
}

/** The SQL behind the web-chat widget: inboxes by widget token, a visitor's identity and their thread. */
@Injectable()
export class WebchatRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async findInboxByWidgetToken(widgetToken: string): Promise<Inbox | undefined> {
    const [row] = await this.db
      .select()
      .from(inboxes)
      .where(and(eq(inboxes.type, 'webchat'), sql`${inboxes.settings}->>'widgetToken' = ${widgetToken}`))
      .limit(1);
    return row;
  }

  /** The oldest enabled web-chat inbox: the one the demo page shows. */
  async firstEnabledInbox(): Promise<Inbox | undefined> {
    const [row] = await this.db
      .select()
      .from(inboxes)
      .where(and(eq(inboxes.type, 'webchat'), eq(inboxes.enabled, true)))
      .orderBy(asc(inboxes.id))
      .limit(1);
    return row;
  }

  /** Answers undefined until the visitor's first message or contact form made them a contact. */
  async findVisitor(inboxId: string, visitorId: string): Promise<VisitorContact | undefined> {
    const [row] = await this.db
      .select({ identityId: contactIdentities.id, name: contacts.name, emails: contacts.emails })
      .from(contactIdentities)
      .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
      .where(and(eq(contactIdentities.inboxId, inboxId), eq(contactIdentities.externalId, visitorId)))
      .limit(1);
    return row;
  }

  /**
   * The latest messages of every conversation the visitor had in this inbox, oldest first: only what
   * was said between the visitor and the company, never private notes, system lines or hidden messages.
   */
  async visitorThread(identityId: string, limit: number): Promise<Message[]> {
    const rows = await this.db
      .select({ message: messages })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(
        and(
          eq(conversations.contactIdentityId, identityId),
          inArray(messages.messageType, ['incoming', 'outgoing']),
          sql`coalesce((${messages.contentAttributes}->>'hidden')::boolean, false) = false`,
        ),
      )
      .orderBy(desc(messages.id))
      .limit(limit);
    return rows.map((row) => row.message).reverse();
  }

  /** The conversation the visitor's next message joins, if one is still open. */
  async activeConversationId(inboxId: string, visitorId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ id: conversations.id })
      .from(conversations)
      .innerJoin(contactIdentities, eq(contactIdentities.id, conversations.contactIdentityId))
      .where(
        and(
          eq(contactIdentities.inboxId, inboxId),
          eq(contactIdentities.externalId, visitorId),
          sql`${conversations.status} <> 'resolved'`,
        ),
      )
      .orderBy(desc(conversations.id))
      .limit(1);
    return row?.id;
  }

  /** The visitor behind a web-chat conversation; undefined for conversations of other channels. */
  async visitorOfConversation(conversationId: string): Promise<{ inboxId: string; visitorId: string } | undefined> {
    const [row] = await this.db
      .select({ inboxId: conversations.inboxId, visitorId: contactIdentities.externalId })
      .from(conversations)
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .innerJoin(contactIdentities, eq(contactIdentities.id, conversations.contactIdentityId))
      .where(and(eq(conversations.id, conversationId), eq(inboxes.type, 'webchat')))
      .limit(1);
    return row;
  }

  /** Stores where the visitor was, once per conversation: the page of the first message is the one that matters. */
  async rememberVisitorContext(conversationId: string, context: Record<string, unknown>): Promise<void> {
    await this.db
      .update(conversations)
      .set({ attributes: sql`${conversations.attributes} || jsonb_build_object('webchat', ${JSON.stringify(context)}::jsonb)` })
      .where(and(eq(conversations.id, conversationId), sql`${conversations.attributes}->'webchat' is null`));
  }
}
