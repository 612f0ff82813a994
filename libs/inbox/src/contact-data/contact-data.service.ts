import { Injectable, Logger } from '@nestjs/common';
import { AuditService, type AuthUser } from '@app/auth';
import { notFound } from '@app/common';
import { ContactErasure, type ContactErasureReport } from '@app/crm';
import { FileStorage } from '../attachments/file-storage.service.js';
import { ContactDataRepository } from './contact-data.repository.js';

/** A person's right to their data: everything about a contact as one JSON document, or erased everywhere. */
@Injectable()
export class ContactDataService extends ContactErasure {
  private readonly logger = new Logger('ContactData');

  constructor(
    private readonly repository: ContactDataRepository,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
  ) {
    super();
  }

  async export(contactId: string, actor: AuthUser, ip?: string) {
    const data = await this.repository.collect(contactId);
    if (!data) throw notFound('entity.contact', contactId);
    await this.audit.record({
      action: 'contact.exported',
      actorId: actor.kind === 'user' ? actor.id : null,
      actorEmail: actor.email ?? null,
      targetType: 'contact',
      targetId: contactId,
      ip,
      details: { conversations: data.conversations.length, deals: data.deals.length },
    });
    return { exportedAt: new Date().toISOString(), ...data };
  }

  async erase(contactId: string, actor: AuthUser, ip?: string): Promise<ContactErasureReport> {
    const erased = await this.repository.erase(contactId);
    if (!erased) throw notFound('entity.contact', contactId);
    let files = 0;
    for (const key of erased.storageKeys) {
      try {
        await this.storage.remove(key);
        files += 1;
      } catch (error) {
        // The rows are gone already; a file that cannot be removed now is reported, not a reason to fail.
        this.logger.warn(`Could not remove the stored file ${key} of an erased contact: ${(error as Error).message}`);
      }
    }
    const { storageKeys: _keys, ...counts } = erased;
    const report: ContactErasureReport = { contactId, ...counts, files };
    await this.audit.record({
      action: 'contact.erased',
      actorId: actor.kind === 'user' ? actor.id : null,
      actorEmail: actor.email ?? null,
      targetType: 'contact',
      targetId: contactId,
      ip,
      details: { ...report },
    });
    return report;
  }
}
