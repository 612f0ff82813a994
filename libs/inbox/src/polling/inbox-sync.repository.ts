import { Injectable } from '@nestjs/common';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { inboxes, InjectDb, type Db, type Inbox, type InboxType } from '@app/db';

export type SyncStatus = 'ok' | 'retrying' | 'auth_failed';

/** How far a catch-up (a mailbox's first sync) has come. */
export interface SyncProgress {
  done: number;
  total: number;
}

/** inboxes.sync_state: where reading the channel stands, and which process holds the right to read it. */
export interface SyncState {
  /** The adapter's position in the channel (Telegram: the next update_id). */
  cursor?: unknown;
  status?: SyncStatus;
  lastError?: string | null;
  /** A catch-up in progress; null when there is none. */
  progress?: SyncProgress | null;
  /** The settings version (the inbox's updatedAt) polling gave up on after refused credentials; null while polling goes on. */
  stoppedFor?: string | null;
  /** The process reading the channel now; only it may move the cursor. */
  leaseOwner?: string | null;
  /** Epoch milliseconds (database clock) after which another process may take over. */
  leaseUntil?: number | null;
}

/** The database's clock in epoch milliseconds, so processes on different machines agree on expiry. */
const dbNowMs = sql`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/**
 * A lease in the inbox row decides which process polls a channel: taken when free or expired, renewed
 * with every write, given back on stop. Writes of a process that lost its lease change nothing, so two
 * processes never both move the cursor.
 */
@Injectable()
export class InboxSyncRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async enabledOfTypes(types: InboxType[]): Promise<Inbox[]> {
    if (types.length === 0) return [];
    return this.db.select().from(inboxes).where(and(eq(inboxes.enabled, true), inArray(inboxes.type, types)));
  }

  /** Takes or renews the lease; answers the sync state when `owner` holds it now, undefined when another process does. */
  async acquire(inboxId: string, owner: string, leaseMs: number): Promise<SyncState | undefined> {
    const held = sql`coalesce(${inboxes.syncState}->>'leaseOwner', '') in ('', ${owner}::text)`;
    const expired = sql`coalesce((${inboxes.syncState}->>'leaseUntil')::bigint, 0) < ${dbNowMs}`;
    const [row] = await this.write(inboxId, sql`jsonb_build_object('leaseOwner', ${owner}::text, 'leaseUntil', ${dbNowMs} + ${leaseMs}::bigint)`, sql`(${held} or ${expired})`);
    return row?.syncState as SyncState | undefined;
  }

  /** Stores the cursor after its events were ingested; answers false when the lease was lost meanwhile. */
  async saveProgress(inboxId: string, owner: string, cursor: unknown, leaseMs: number, progress?: SyncProgress): Promise<boolean> {
    const rows = await this.write(
      inboxId,
      sql`jsonb_build_object('cursor', ${JSON.stringify(cursor ?? null)}::jsonb, 'progress', ${JSON.stringify(progress ?? null)}::jsonb, 'status', 'ok', 'lastError', null, 'stoppedFor', null, 'leaseUntil', ${dbNowMs} + ${leaseMs}::bigint)`,
      this.ownedBy(owner),
    );
    return rows.length > 0;
  }

  async saveFailure(inboxId: string, owner: string, status: SyncStatus, error: string, leaseMs: number, stoppedFor?: string): Promise<boolean> {
    const rows = await this.write(
      inboxId,
      sql`jsonb_build_object('status', ${status}::text, 'lastError', ${error.slice(0, 1000)}::text, 'stoppedFor', ${stoppedFor ?? null}::text, 'leaseUntil', ${dbNowMs} + ${leaseMs}::bigint)`,
      this.ownedBy(owner),
    );
    return rows.length > 0;
  }

  async release(inboxId: string, owner: string): Promise<void> {
    await this.write(inboxId, sql`jsonb_build_object('leaseOwner', null, 'leaseUntil', null)`, this.ownedBy(owner));
  }

  async stateOf(inboxId: string): Promise<SyncState | undefined> {
    const [row] = await this.db.select({ syncState: inboxes.syncState }).from(inboxes).where(eq(inboxes.id, inboxId));
    return row?.syncState as SyncState | undefined;
  }

  private ownedBy(owner: string): SQL {
    return sql`${inboxes.syncState}->>'leaseOwner' = ${owner}::text`;
  }

  /** Merges `patch` into sync_state where `condition` holds; the inbox's updatedAt is about its settings and stays. */
  private write(inboxId: string, patch: SQL, condition: SQL) {
    return this.db
      .update(inboxes)
      .set({ syncState: sql`${inboxes.syncState} || ${patch}`, updatedAt: sql`${inboxes.updatedAt}` })
      .where(and(eq(inboxes.id, inboxId), condition))
      .returning({ syncState: inboxes.syncState });
  }
}
