import { Injectable } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';
import { inboxMembers, InjectDb, type Db } from '@app/db';
import { DomainException, ErrorCode, notFound } from '@app/common';
import type { MessageKey } from '@app/i18n';
import type { AuthUser } from './auth.types.js';

/**
 * Who may see which inbox: admins, supervisors and API keys see every inbox; an agent only
 * the inboxes they are a member of.
 */
@Injectable()
export class InboxAccessService {
  constructor(@InjectDb() private readonly db: Db) {}

  seesAllInboxes(user: AuthUser): boolean {
    return user.role !== 'agent';
  }

  /** The inbox ids the user may see, or null for "all of them". */
  async visibleInboxIds(user: AuthUser): Promise<string[] | null> {
    if (this.seesAllInboxes(user)) return null;
    const rows = await this.db.select({ inboxId: inboxMembers.inboxId }).from(inboxMembers).where(eq(inboxMembers.userId, user.id));
    return rows.map((r) => r.inboxId);
  }

  async canAccess(user: AuthUser, inboxId: string): Promise<boolean> {
    if (this.seesAllInboxes(user)) return true;
    const [row] = await this.db
      .select({ inboxId: inboxMembers.inboxId })
      .from(inboxMembers)
      .where(and(eq(inboxMembers.inboxId, inboxId), eq(inboxMembers.userId, user.id)))
      .limit(1);
    return Boolean(row);
  }

  /** Throws 403 inbox_forbidden unless the user may see the inbox. Check existence (404) before calling. */
  async assertAccess(user: AuthUser, inboxId: string): Promise<void> {
    if (!(await this.canAccess(user, inboxId))) throw new DomainException(ErrorCode.InboxForbidden, { details: { inboxId } });
  }

  /**
   * For things inside an inbox (a conversation, a message, a file): 404 as for an unknown id unless the
   * user may see the inbox, so guessing ids tells an agent nothing about other inboxes.
   */
  async assertVisible(user: AuthUser, inboxId: string, entity: MessageKey, id: string): Promise<void> {
    if (!(await this.canAccess(user, inboxId))) throw notFound(entity, id);
  }
}
