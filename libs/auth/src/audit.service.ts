import { Injectable } from '@nestjs/common';
import { and, desc, eq, lt } from 'drizzle-orm';
import { auditLog, InjectDb, toPage, type Db } from '@app/db';

export interface AuditEvent {
  action: 'login.succeeded' | 'login.failed' | 'login.rate_limited' | 'user.created' | 'user.role_changed' | 'user.deactivated' | 'user.activated' | 'user.deleted' | 'user.password_changed' | 'api_key.created' | 'api_key.revoked' | 'contact.exported' | 'contact.erased';
  actorId?: string | null;
  actorEmail?: string | null;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string;
  targetId?: string;
}

/** Append-only record of security-relevant actions: sign-ins, role changes, keys. */
@Injectable()
export class AuditService {
  constructor(@InjectDb() private readonly db: Db) {}

  async record(event: AuditEvent): Promise<void> {
    await this.db.insert(auditLog).values({
      action: event.action,
      actorId: event.actorId ?? null,
      actorEmail: event.actorEmail ?? null,
      targetType: event.targetType,
      targetId: event.targetId,
      ip: event.ip ?? null,
      details: event.details ?? {},
    });
  }

  async list(cursor: string | undefined, limit: number, filter: AuditFilter = {}) {
    const rows = await this.db
      .select()
      .from(auditLog)
      .where(
        and(
          cursor ? lt(auditLog.id, cursor) : undefined,
          filter.action ? eq(auditLog.action, filter.action) : undefined,
          filter.targetId ? eq(auditLog.targetId, filter.targetId) : undefined,
        ),
      )
      .orderBy(desc(auditLog.id))
      .limit(limit + 1);
    return toPage(rows, limit);
  }
}
