import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { and, eq, sql } from 'drizzle-orm';
import type { InboundContact } from '@channel-adapters/core';
import { DomainException, ErrorCode } from '@app/common';
import { ContactsService, tryNormalizePhone } from '@app/crm';
import { contactIdentities, contacts, type Contact, type ContactIdentity } from '@app/db';
import type { Executor } from '../conversations/conversations.repository.js';

export interface ResolvedContact {
  contact: Contact;
  identity: ContactIdentity;
  created: boolean;
}

/**
 * Finds the contact behind a channel identity, or creates both. A new identity whose phone or e-mail
 * already belongs to a contact joins that contact (one person, many channels).
 */
@Injectable()
export class ContactResolver {
  constructor(private readonly contacts: ContactsService) {}

  async resolve(tx: Executor, inboxId: string, inbound: InboundContact, defaultRegion: string): Promise<ResolvedContact> {
    // Serialises concurrent first messages from the same person, so they make one contact and one conversation.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`identity:${inboxId}:${inbound.externalId}`}))`);
    const [existing] = await tx
      .select({ identity: contactIdentities, contact: contacts })
      .from(contactIdentities)
      .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
      .where(and(eq(contactIdentities.inboxId, inboxId), eq(contactIdentities.externalId, inbound.externalId)))
      .limit(1);
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

  /** What the channel tells now replaces what it told before; attributes it does not mention stay. */
  private async refreshIdentity(tx: Executor, identity: ContactIdentity, inbound: InboundContact): Promise<ContactIdentity> {
    const username = inbound.username ?? identity.username;
    const displayName = inbound.name ?? identity.displayName;
    const attributes = { ...identity.attributes, ...inbound.attributes };
    if (username === identity.username && displayName === identity.displayName && isDeepStrictEqual(attributes, identity.attributes)) return identity;
    const [updated] = await tx.update(contactIdentities).set({ username, displayName, attributes }).where(eq(contactIdentities.id, identity.id)).returning();
    return updated;
  }
}

function validEmail(value: string | undefined): string | null {
  return value && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? value.trim().toLowerCase() : null;
}
