import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { deals, inboxMembers, InjectDb, teamMembers, users, type Db, type Executor, type UserRole } from '@app/db';

export interface RosterUser {
  id: string;
  name: string;
  role: UserRole;
}

/**
 * Who may take conversations: inbox and team members, and deal owners for sticky routing. Read inside
 * the routing transaction, whose single connection must serve every query (the embedded database has one).
 */
@Injectable()
export class RosterRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async inboxMembers(executor: Executor = this.db, inboxId: string): Promise<RosterUser[]> {
    return executor
      .select({ id: users.id, name: users.name, role: users.role })
      .from(inboxMembers)
      .innerJoin(users, eq(users.id, inboxMembers.userId))
      .where(and(eq(inboxMembers.inboxId, inboxId), eq(users.active, true)))
      .orderBy(asc(users.name), asc(users.id));
  }

  async teamMembers(executor: Executor = this.db, teamId: string): Promise<RosterUser[]> {
    return executor
      .select({ id: users.id, name: users.name, role: users.role })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(and(eq(teamMembers.teamId, teamId), eq(users.active, true)))
      .orderBy(asc(users.name), asc(users.id));
  }

  async activeUsers(executor: Executor = this.db, ids: string[]): Promise<RosterUser[]> {
    if (ids.length === 0) return [];
    return executor
      .select({ id: users.id, name: users.name, role: users.role })
      .from(users)
      .where(and(inArray(users.id, ids), eq(users.active, true)));
  }

  /** The owner of the deal, or else of the contact's most recently changed open deal. */
  async dealOwner(executor: Executor, dealId: string | null, contactId: string): Promise<string | null> {
    const [row] = await executor
      .select({ ownerId: deals.ownerId })
      .from(deals)
      .where(dealId ? eq(deals.id, dealId) : and(eq(deals.contactId, contactId), eq(deals.status, 'open')))
      .orderBy(desc(deals.updatedAt))
      .limit(1);
    return row?.ownerId ?? null;
  }
}
