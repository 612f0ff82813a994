import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, ne, or, isNull, lt, sql } from 'drizzle-orm';
import { agentPresence, InjectDb, users, type AgentPresence, type Db, type Executor, type PresenceStatus } from '@app/db';

export interface PresenceChange {
  userId: string;
  previous: PresenceStatus;
  status: PresenceStatus;
}

export interface Freshness {
  /** A connection shows no sign of life for longer than this: it is gone. */
  connectionTtlMs: number;
  /** The agent did nothing for longer than this: they are idle. */
  idleMs: number;
}

export interface AgentAvailabilityRow {
  userId: string;
  name: string;
  email: string;
  role: string;
  status: PresenceStatus;
  chosenStatus: PresenceStatus;
  lastSeenAt: Date | null;
  lastActivityAt: Date | null;
}

@Injectable()
export class PresenceRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** Applies `next` to the agent's row (created when missing) and answers the status before and after. */
  private async change(userId: string, next: (current: AgentPresence | undefined) => Partial<typeof agentPresence.$inferInsert>): Promise<PresenceChange> {
    return this.db.transaction(async (tx) => {
      const [current] = await tx.select().from(agentPresence).where(eq(agentPresence.userId, userId)).for('update').limit(1);
      const values = next(current);
      const previous = current?.status ?? 'offline';
      const status = values.status ?? previous;
      const statusChangedAt = status === previous ? undefined : new Date();
      if (current) await tx.update(agentPresence).set({ ...values, ...(statusChangedAt ? { statusChangedAt } : {}) }).where(eq(agentPresence.userId, userId));
      else await tx.insert(agentPresence).values({ userId, ...values }).onConflictDoUpdate({ target: agentPresence.userId, set: values });
      return { userId, previous, status };
    });
  }

  /** A socket connected: the agent takes the status they chose last. */
  connect(userId: string, now: Date): Promise<PresenceChange> {
    return this.change(userId, (current) => ({ status: current?.chosenStatus ?? 'online', lastSeenAt: now, lastActivityAt: now }));
  }

  disconnect(userId: string): Promise<PresenceChange> {
    return this.change(userId, () => ({ status: 'offline' }));
  }

  /** The agent picks a status (also a sign of life and of activity). */
  choose(userId: string, status: PresenceStatus, now: Date): Promise<PresenceChange> {
    return this.change(userId, () => ({ status, chosenStatus: status, lastSeenAt: now, lastActivityAt: now }));
  }

  /** Activity brings an agent back from an automatic offline to the status they chose, while connected. */
  activity(userId: string, now: Date, freshness: Freshness): Promise<PresenceChange> {
    return this.change(userId, (current) => {
      const connected = current?.lastSeenAt && now.getTime() - current.lastSeenAt.getTime() < freshness.connectionTtlMs;
      return { lastActivityAt: now, ...(current && connected && current.status === 'offline' ? { status: current.chosenStatus } : {}) };
    });
  }

  async heartbeat(userIds: string[], now: Date): Promise<void> {
    if (userIds.length === 0) return;
    await this.db.update(agentPresence).set({ lastSeenAt: now }).where(inArray(agentPresence.userId, userIds));
  }

  /** Agents not offline whose connection went silent or who have been idle: set offline, answered. */
  async expire(now: Date, freshness: Freshness): Promise<string[]> {
    const seenBefore = new Date(now.getTime() - freshness.connectionTtlMs);
    const activeBefore = new Date(now.getTime() - freshness.idleMs);
    const rows = await this.db
      .update(agentPresence)
      .set({ status: 'offline', statusChangedAt: now })
      .where(
        and(
          ne(agentPresence.status, 'offline'),
          or(isNull(agentPresence.lastSeenAt), lt(agentPresence.lastSeenAt, seenBefore), isNull(agentPresence.lastActivityAt), lt(agentPresence.lastActivityAt, activeBefore)),
        ),
      )
      .returning({ userId: agentPresence.userId });
    return rows.map((r) => r.userId);
  }

  /** Agents routing may pick now: online, connected and not idle (checked here too, so a missed sweep changes nothing). */
  async onlineAmong(executor: Executor, userIds: string[], now: Date, freshness: Freshness): Promise<Map<string, { lastAssignedAt: Date | null }>> {
    if (userIds.length === 0) return new Map();
    const rows = await executor
      .select({ userId: agentPresence.userId, lastAssignedAt: agentPresence.lastAssignedAt })
      .from(agentPresence)
      .where(
        and(
          inArray(agentPresence.userId, userIds),
          eq(agentPresence.status, 'online'),
          sql`${agentPresence.lastSeenAt} > ${instant(now.getTime() - freshness.connectionTtlMs)}`,
          sql`${agentPresence.lastActivityAt} > ${instant(now.getTime() - freshness.idleMs)}`,
        ),
      );
    return new Map(rows.map((r) => [r.userId, { lastAssignedAt: r.lastAssignedAt }]));
  }

  async markAssigned(executor: Executor, userId: string, now: Date): Promise<void> {
    await executor.update(agentPresence).set({ lastAssignedAt: now }).where(eq(agentPresence.userId, userId));
  }

  /** Every active user with their presence; a stale row shows as offline. */
  async availability(now: Date, freshness: Freshness, userIds?: string[]): Promise<AgentAvailabilityRow[]> {
    const fresh = sql`${agentPresence.lastSeenAt} > ${instant(now.getTime() - freshness.connectionTtlMs)} and ${agentPresence.lastActivityAt} > ${instant(now.getTime() - freshness.idleMs)}`;
    const rows = await this.db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        status: sql<PresenceStatus>`case when ${agentPresence.status} is not null and ${fresh} then ${agentPresence.status} else 'offline' end`,
        chosenStatus: sql<PresenceStatus>`coalesce(${agentPresence.chosenStatus}, 'online')`,
        lastSeenAt: agentPresence.lastSeenAt,
        lastActivityAt: agentPresence.lastActivityAt,
      })
      .from(users)
      .leftJoin(agentPresence, eq(agentPresence.userId, users.id))
      .where(and(eq(users.active, true), userIds ? inArray(users.id, userIds.length ? userIds : ['00000000-0000-0000-0000-000000000000']) : undefined))
      .orderBy(asc(users.name), asc(users.id));
    return rows.map((r) => ({ ...r, lastSeenAt: toDate(r.lastSeenAt), lastActivityAt: toDate(r.lastActivityAt) }));
  }
}

const instant = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;

/** Raw SQL columns of a left join come back as strings on some drivers. */
function toDate(value: Date | string | null): Date | null {
  return value === null ? null : value instanceof Date ? value : new Date(value);
}
