import { Injectable } from '@nestjs/common';
import { DomainException, ErrorCode, notFound } from '@app/common';
import { InjectDb, type Db, type Page } from '@app/db';
import { normalizeEmails } from '../email.util.js';
import { PhoneNormalizer } from '../phone-normalizer.service.js';
import type { Executor, Tx } from '../shared/db-types.js';
import { withReferenceChecks } from '../shared/db-errors.js';
import { mergeContactValues } from './contact-merge.js';
import type { ContactDetails, ContactFilters, ContactInput, ContactPointOwner, ContactRecord } from './contact.types.js';
import { ContactsRepository } from './contacts.repository.js';

const uniqueTags = (tags: readonly string[]) => [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))];

/** Contacts: one person with many phones, e-mails and channel identities, never two contacts with the same phone or e-mail. */
@Injectable()
export class ContactsService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly contacts: ContactsRepository,
    private readonly phones: PhoneNormalizer,
  ) {}

  list(filters: Omit<ContactFilters, 'phone'>): Promise<Page<ContactRecord>> {
    const phone = filters.q ? this.phones.tryNormalize(filters.q) : null;
    return this.contacts.list({ ...filters, phone });
  }

  async get(id: string): Promise<ContactDetails> {
    return this.contacts.details(await this.require(id));
  }

  async require(id: string, executor?: Executor): Promise<ContactRecord> {
    const contact = await this.contacts.findById(id, executor);
    if (!contact) throw notFound('entity.contact', id);
    return contact;
  }

  /** The contact holding this phone (in any format the default region understands), if any. */
  async findByPhone(phone: string, executor?: Executor): Promise<ContactRecord | undefined> {
    const normalized = this.phones.tryNormalize(phone);
    return normalized ? this.contacts.findByPhone(normalized, executor) : undefined;
  }

  async findByEmail(email: string, executor?: Executor): Promise<ContactRecord | undefined> {
    return this.contacts.findByEmail(email.trim().toLowerCase(), executor);
  }

  /** Creates a contact; pass a transaction to make it part of the caller's own. 409 duplicate_contact when a phone or e-mail is taken. */
  async create(input: ContactInput, executor: Executor = this.db): Promise<ContactRecord> {
    const phones = this.phones.normalizeAll(input.phones ?? []);
    const emails = normalizeEmails(input.emails ?? []);
    return withReferenceChecks(() =>
      executor.transaction(async (tx) => {
        await this.assertContactPointsFree(tx, phones, emails);
        return this.contacts.insert(tx, {
          name: input.name?.trim() ?? '',
          phones,
          emails,
          tags: uniqueTags(input.tags ?? []),
          customFields: input.customFields ?? {},
          companyId: input.companyId ?? null,
          locale: input.locale ?? null,
          avatarUrl: input.avatarUrl ?? null,
          blocked: input.blocked ?? false,
          timeZone: input.timeZone ?? null,
          birthday: input.birthday ?? null,
        });
      }),
    );
  }

  async update(id: string, input: ContactInput, executor: Executor = this.db): Promise<ContactRecord> {
    const phones = input.phones && this.phones.normalizeAll(input.phones);
    const emails = input.emails && normalizeEmails(input.emails);
    return withReferenceChecks(() =>
      executor.transaction(async (tx) => {
        const [current] = await this.contacts.findForUpdate(tx, [id]);
        if (!current) throw notFound('entity.contact', id);
        await this.assertContactPointsFree(tx, phones ?? [], emails ?? [], id);
        return this.contacts.update(tx, id, {
          name: input.name?.trim() ?? current.name,
          phones: phones ?? current.phones,
          emails: emails ?? current.emails,
          tags: input.tags ? uniqueTags(input.tags) : current.tags,
          customFields: input.customFields ?? current.customFields,
          companyId: input.companyId === undefined ? current.companyId : input.companyId,
          locale: input.locale === undefined ? current.locale : input.locale,
          avatarUrl: input.avatarUrl === undefined ? current.avatarUrl : input.avatarUrl,
          blocked: input.blocked ?? current.blocked,
          timeZone: input.timeZone === undefined ? current.timeZone : input.timeZone,
          birthday: input.birthday === undefined ? current.birthday : input.birthday,
        });
      }),
    );
  }

  async delete(id: string): Promise<void> {
    if (!(await this.contacts.delete(id))) throw notFound('entity.contact', id);
  }

  /** Folds `otherId` into `id`: its identities, conversations, deals and activities move over, then it is deleted. */
  async merge(id: string, otherId: string): Promise<ContactDetails> {
    if (id === otherId) throw new DomainException(ErrorCode.MergeSameContact, { details: { id } });
    const merged = await this.db.transaction(async (tx) => {
      const locked = await this.contacts.findForUpdate(tx, [id, otherId]);
      const kept = locked.find((c) => c.id === id);
      const other = locked.find((c) => c.id === otherId);
      if (!kept) throw notFound('entity.contact', id);
      if (!other) throw notFound('entity.contact', otherId);
      await this.contacts.reassignRelated(tx, otherId, id);
      await this.contacts.delete(otherId, tx);
      return this.contacts.update(tx, id, mergeContactValues(kept, other));
    });
    return this.contacts.details(merged);
  }

  private async assertContactPointsFree(tx: Tx, phones: string[], emails: string[], exceptId?: string): Promise<void> {
    await this.contacts.lockContactPoints(tx, [...phones, ...emails]);
    const owner = await this.contacts.findContactPointOwner(tx, phones, emails, exceptId);
    if (owner) throw duplicateContact(owner);
  }
}

function duplicateContact(owner: ContactPointOwner): DomainException {
  return new DomainException(ErrorCode.DuplicateContact, {
    params: { field: `field.${owner.field}`, value: owner.value, existingId: owner.existingId },
    details: { ...owner },
  });
}
