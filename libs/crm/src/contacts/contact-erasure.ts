import type { AuthUser } from '@app/auth';

/** What erasing a contact removed, as the audit log records it. */
export interface ContactErasureReport {
  contactId: string;
  conversations: number;
  messages: number;
  attachments: number;
  /** Stored files removed from disk. */
  files: number;
  activities: number;
  /** Deals kept as business records, without the contact. */
  dealsUnlinked: number;
}

/**
 * Removes everything the product keeps about a contact, in every module (messages, files on disk,
 * event logs): implemented where conversations live, reached from here by the contacts route.
 */
export abstract class ContactErasure {
  abstract erase(contactId: string, actor: AuthUser, ip?: string): Promise<ContactErasureReport>;
}
