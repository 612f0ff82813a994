import { Injectable } from '@nestjs/common';
import { type AuthUser } from '@app/auth';
import { DomainException, ErrorCode, notFound } from '@app/common';
import { ContactsService, PhoneNormalizer } from '@app/crm';
import type { BlacklistEntry, Page } from '@app/db';
import { ConversationAutomationService, ConversationsService } from '@app/inbox';
import { compileTextPattern, UnsafePatternError } from '../text-pattern.js';
import { domainsOf } from './blacklist-matcher.js';
import { BlacklistRepository } from './blacklist.repository.js';
import type { BlockContactInput, CreateBlacklistEntryInput, FloodSettings, ListBlacklistQuery, UpdateBlacklistEntryInput } from './dto/blacklist.dto.js';
import { FloodRepository } from './flood.repository.js';

export type BlacklistEntryView = Omit<BlacklistEntry, 'searchText'>;

const toView = ({ searchText: _searchText, ...entry }: BlacklistEntry): BlacklistEntryView => entry;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN = /^(?=.{1,253}$)([\p{L}\p{N}-]+\.)+[\p{L}\p{N}-]{2,}$/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalidValue(message: string): DomainException {
  return new DomainException(ErrorCode.ValidationFailed, { errors: [{ field: 'value', message }] });
}

@Injectable()
export class BlacklistService {
  constructor(
    private readonly entries: BlacklistRepository,
    private readonly flood: FloodRepository,
    private readonly phones: PhoneNormalizer,
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
    private readonly automation: ConversationAutomationService,
  ) {}

  async list(query: ListBlacklistQuery): Promise<Page<BlacklistEntryView>> {
    const page = await this.entries.list(query);
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<BlacklistEntryView> {
    const entry = await this.entries.findById(id);
    if (!entry) throw notFound('entity.blacklist_entry', id);
    return toView(entry);
  }

  async create(user: AuthUser, input: CreateBlacklistEntryInput): Promise<BlacklistEntryView> {
    const value = await this.normalize(input.kind, input.value);
    const entry = await this.entries.create({ kind: input.kind, value, inboxId: input.inboxId, reason: input.reason ?? null, expiresAt: dateOrNull(input.expiresAt), createdById: authorOf(user) });
    return toView(entry);
  }

  async update(id: string, input: UpdateBlacklistEntryInput): Promise<BlacklistEntryView> {
    const entry = await this.entries.update(id, { reason: input.reason, expiresAt: input.expiresAt === undefined ? undefined : dateOrNull(input.expiresAt) });
    if (!entry) throw notFound('entity.blacklist_entry', id);
    return toView(entry);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.entries.delete(id))) throw notFound('entity.blacklist_entry', id);
  }

  /** One click in a conversation: the contact's new messages are stored hidden (everywhere, or in this inbox). */
  async blockContact(user: AuthUser, conversationId: string, input: BlockContactInput) {
    const conversation = await this.conversations.get(user, conversationId);
    const entry = await this.entries.upsert({
      kind: 'contact',
      value: conversation.contactId,
      inboxId: input.scope === 'this_inbox' ? conversation.inbox.id : null,
      reason: input.reason ?? null,
      expiresAt: dateOrNull(input.expiresAt),
      createdById: authorOf(user),
    });
    await this.automation.note(conversationId, { key: 'system.contact_blocked', params: { actor: user.name }, attributes: { event: 'contact_blocked', blacklistEntryId: entry.id } });
    return this.status(conversation.contactId, conversation.inbox.id);
  }

  /** Lifts every entry naming this contact, their identities, phones or e-mails (not domains or text patterns), and the contact's blocked flag. */
  async unblockContact(user: AuthUser, conversationId: string) {
    const conversation = await this.conversations.get(user, conversationId);
    const { entries, contact } = await this.entriesNaming(conversation.contactId, conversation.inbox.id);
    const personal = entries.filter((e) => e.kind !== 'domain' && e.kind !== 'pattern');
    await this.entries.deleteMany(personal.map((e) => e.id));
    if (contact.blocked) await this.contacts.update(contact.id, { blocked: false });
    await this.automation.note(conversationId, { key: 'system.contact_unblocked', params: { actor: user.name }, attributes: { event: 'contact_unblocked', removed: personal.map((e) => e.id) } });
    return { ...(await this.status(conversation.contactId, conversation.inbox.id)), removed: personal.map(toView) };
  }

  async blockStatus(user: AuthUser, conversationId: string) {
    const conversation = await this.conversations.get(user, conversationId);
    return this.status(conversation.contactId, conversation.inbox.id);
  }

  floodSettings(): Promise<FloodSettings> {
    return this.flood.settings();
  }

  saveFloodSettings(user: AuthUser, settings: FloodSettings): Promise<FloodSettings> {
    return this.flood.saveSettings(settings, authorOf(user));
  }

  /** Whether the contact's messages in this inbox are hidden now, and by which entries (text patterns aside). */
  private async status(contactId: string, inboxId: string) {
    const { entries, contact } = await this.entriesNaming(contactId, inboxId);
    return { contactId, blocked: contact.blocked || entries.length > 0, contactFlag: contact.blocked, entries: entries.map(toView) };
  }

  private async entriesNaming(contactId: string, inboxId: string) {
    const contact = await this.contacts.get(contactId);
    const identities = contact.identities.filter((i) => i.inboxId === inboxId);
    const found = new Map<string, BlacklistEntry>();
    for (const identity of identities.length ? identities : [{ externalId: '' }]) {
      const keys = { inboxId, contactId, identityExternalId: identity.externalId, phones: contact.phones, emails: contact.emails, domains: domainsOf(contact.emails) };
      for (const entry of await this.entries.candidates(undefined, keys)) if (entry.kind !== 'pattern') found.set(entry.id, entry);
    }
    return { contact, entries: [...found.values()] };
  }

  private async normalize(kind: BlacklistEntry['kind'], raw: string): Promise<string> {
    const value = raw.trim();
    switch (kind) {
      case 'identity':
        return value;
      case 'phone':
        return this.phones.normalize(value);
      case 'email':
        if (!EMAIL.test(value)) throw invalidValue('Not an e-mail address');
        return value.toLowerCase();
      case 'domain': {
        const domain = value.toLowerCase().replace(/^(\*\.|@)/, '');
        if (!DOMAIN.test(domain)) throw invalidValue('Not a domain name such as spam.example');
        return domain;
      }
      case 'pattern':
        try {
          compileTextPattern(value);
        } catch (error) {
          if (error instanceof UnsafePatternError) throw new DomainException(ErrorCode.UnsafePattern, { params: { pattern: value, reason: error.message }, details: { field: 'value' } });
          throw error;
        }
        return value;
      case 'contact':
        if (!UUID.test(value)) throw invalidValue('A contact id');
        await this.contacts.require(value);
        return value.toLowerCase();
    }
  }
}

const authorOf = (user: AuthUser) => (user.kind === 'user' ? user.id : null);
const dateOrNull = (value: string | null | undefined) => (value ? new Date(value) : null);
