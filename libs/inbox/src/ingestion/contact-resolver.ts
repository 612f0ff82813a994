import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { and, eq, sql } from 'drizzle-orm';
import type { InboundContact } from '@channel-adapters/core';
import { DomainException, ErrorCode } from '@app/common';
import { ContactsService, tryNormalizePhone } from '@app/crm';
import { contactIdentities, contacts, reusableStatement, type Contact, type ContactIdentity, type Conversation } from '@app/db';
import { activeConversationQuery, type Executor } from '../conversations/conversations.repository.js';

export interface ResolvedContact {
  contact: Contact;
  identity: ContactIdentity;
  created: boolean;
  /**
   * With `activeThreadKey`, a known sender's active conversation (locked), null when there is none;
   * undefined when it was not looked up (a new identity, whose contact may have other identities).
   */
  active?: Conversation | null;
}

export interface ResolveOptions {
  /** Looks up the sender's active conversation of this thread in the same statement (see {@link ResolvedContact.active}). */
  activeThreadKey?: string | null;
}

/**
 * Finds the contact behind a channel identity, or creates both. A new identity whose phone or e-mail
 * already belongs to a contact joins that contact (one person, many channels).
 */
@Injectable()
export class ContactResolver {
  constructor(private readonly contacts: ContactsService) {}

  async resolve(tx: Executor, inboxId: string, inbound: InboundContact, defaultRegion: string, options: ResolveOptions = {}): Promise<ResolvedContact> {
    if (options.activeThreadKey !== undefined) {
      // A known sender writing into an active conversation, with nothing new about them, needs no lock:
      // the conversation row, locked by the lookup, orders their messages. Anything else takes the lock.
      const known = await this.findKnownWithActive(tx, inboxId, inbound.externalId, options.activeThreadKey);
      if (known?.active && !identityChanges(known.identity, inbound)) return { ...known, created: false };
    }
    // Serialises concurrent first messages from the same person, so they make one contact and one conversation.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`identity:${inboxId}:${inbound.externalId}`}))`);
    const existing = options.activeThreadKey === undefined ? await this.findKnown(tx, inboxId, inbound.externalId) : await this.findKnownWithActive(tx, inboxId, inbound.externalId, options.activeThreadKey);
    if (existing) return { ...existing, identity: await this.refreshIdentity(tx, existing.identity, inbound), created: false };

    const contactId = await this.findOrCreateContact(tx, inbound, defaultRegion);
    const [identity] = await tx
      .insert(contactIdentities)
      .values({
        contactId,
        inboxId,
        externalId: inbound.externalId,
        username: inbound.username ?? null,
        displayName: inbound.name ?? null,
        attributes: inbound.attributes ?? {},
      })
      .returning();
    const [contact] = await tx.select().from(contacts).where(eq(contacts.id, contactId)).limit(1);
    return { contact, identity, created: true };
  }

  private async findKnown(tx: Executor, inboxId: string, externalId: string): Promise<{ identity: ContactIdentity; contact: Contact } | undefined> {
    const [row] = await tx
      .select({ identity: contactIdentities, contact: contacts })
      .from(contactIdentities)
      .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
      .where(and(eq(contactIdentities.inboxId, inboxId), eq(contactIdentities.externalId, externalId)))
      .limit(1);
    return row;
  }

  /** One round trip for what every message of a known sender needs: identity, contact, active conversation. */
  private async findKnownWithActive(
    tx: Executor,
    inboxId: string,
    externalId: string,
    threadKey: string | null,
  ): Promise<{ identity: ContactIdentity; contact: Contact; active: Conversation | null } | undefined> {
    const [row] = threadKey === null ? await knownSenderUnthreaded(tx, { inboxId, externalId }) : await knownSenderInThread(tx, { inboxId, externalId, threadKey });
    return row && { identity: row.contact_identities, contact: row.contacts, active: row.active };
  }

  /**
   * Adds what the channel tells about a known person where the contact lacks it: a name when it has
   * none, a new phone or e-mail. A phone or e-mail that belongs to another contact is left out, since
   * joining two people is an agent's decision (merge). Answers whether the contact changed.
   */
  async fillMissing(tx: Executor, contact: Contact, inbound: InboundContact, defaultRegion: string): Promise<boolean> {
    const phone = inbound.phone ? tryNormalizePhone(inbound.phone, defaultRegion) : null;
    const email = validEmail(inbound.email);
    const name = inbound.name?.trim();
    const changes: Array<{ name?: string; phones?: string[]; emails?: string[] }> = [];
    if (name && !contact.name.trim()) changes.push({ name });
    if (phone && !contact.phones.includes(phone)) changes.push({ phones: [...contact.phones, phone] });
    if (email && !contact.emails.includes(email)) changes.push({ emails: [...contact.emails, email] });
    let changed = false;
    for (const change of changes) {
      try {
        // Each change is its own savepoint, so a taken e-mail does not undo a new name.
        await this.contacts.update(contact.id, change, tx);
        changed = true;
      } catch (error) {
        if (!(error instanceof DomainException && error.code === ErrorCode.DuplicateContact)) throw error;
      }
    }
    return changed;
  }

  private async findOrCreateContact(tx: Executor, inbound: InboundContact, defaultRegion: string): Promise<string> {
    const phone = inbound.phone ? tryNormalizePhone(inbound.phone, defaultRegion) : null;
    const email = validEmail(inbound.email);
    try {
      const created = await this.contacts.create(
        {
          name: inbound.name?.trim() || inbound.username || phone || email || '',
          phones: phone ? [phone] : [],
          emails: email ? [email] : [],
          locale: inbound.locale ?? null,
          avatarUrl: inbound.avatarUrl ?? null,
        },
        tx,
      );
      return created.id;
    } catch (error) {
      if (error instanceof DomainException && error.code === ErrorCode.DuplicateContact) {
        return String(error.options.details?.existingId);
      }
      throw error;
    }
  }

  private async refreshIdentity(tx: Executor, identity: ContactIdentity, inbound: InboundContact): Promise<ContactIdentity> {
    const changes = identityChanges(identity, inbound);
    if (!changes) return identity;
    const [updated] = await tx.update(contactIdentities).set(changes).where(eq(contactIdentities.id, identity.id)).returning();
    return updated;
  }
}

/** What the channel tells now replaces what it told before; attributes it does not mention stay. Null: nothing new. */
function identityChanges(identity: ContactIdentity, inbound: InboundContact): Pick<ContactIdentity, 'username' | 'displayName' | 'attributes'> | null {
  const username = inbound.username ?? identity.username;
  const displayName = inbound.name ?? identity.displayName;
  const attributes = { ...identity.attributes, ...inbound.attributes };
  if (username === identity.username && displayName === identity.displayName && isDeepStrictEqual(attributes, identity.attributes)) return null;
  return { username, displayName, attributes };
}

function validEmail(value: string | undefined): string | null {
  return value && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? value.trim().toLowerCase() : null;
}

function knownSenderQuery(tx: Executor, threaded: boolean) {
  const inboxId = sql.placeholder('inboxId');
  const active = activeConversationQuery(tx, inboxId, contactIdentities.contactId, threaded ? sql.placeholder('threadKey') : null).as('active');
  return tx
    .select()
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .leftJoinLateral(active, sql`true`)
    .where(and(eq(contactIdentities.inboxId, inboxId), eq(contactIdentities.externalId, sql.placeholder('externalId'))))
    .limit(1);
}

const knownSenderUnthreaded = reusableStatement<{ inboxId: string; externalId: string }, Awaited<ReturnType<typeof knownSenderQuery>>>((tx) => knownSenderQuery(tx, false));
const knownSenderInThread = reusableStatement<{ inboxId: string; externalId: string; threadKey: string }, Awaited<ReturnType<typeof knownSenderQuery>>>((tx) =>
  knownSenderQuery(tx, true),
);
