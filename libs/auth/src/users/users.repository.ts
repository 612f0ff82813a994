import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { DomainException, ErrorCode } from '@app/common';
import { inboxes, inboxMembers, InjectDb, isUniqueViolation, teamMembers, teams, toPage, users, type Db, type Page, type User, type UserRole } from '@app/db';
import { foldedMatches } from './folded-search.sql.js';

export interface UserListFilter {
  q?: string;
  role?: UserRole;
  active?: boolean;
  cursor?: string;
  limit: number;
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  role: UserRole;
  locale: string;
}

export interface UserChanges {
  name?: string;
  role?: UserRole;
  locale?: string;
  active?: boolean;
  phoneExtension?: string | null;
}

type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The change would leave the workspace without an active administrator. */
export const LAST_ADMIN = 'last_admin' as const;

const isActiveAdmin = (user: Pick<User, 'role' | 'active'>) => user.role === 'admin' && user.active;

/** Lists and changes user accounts; sign-in lookups stay in the core UsersRepository. */
@Injectable()
export class UserDirectoryRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(filter: UserListFilter): Promise<Page<User>> {
    const conditions: (SQL | undefined)[] = [
      filter.q ? foldedMatches(filter.q, users.name, users.email) : undefined,
      filter.role ? eq(users.role, filter.role) : undefined,
      filter.active === undefined ? undefined : eq(users.active, filter.active),
      filter.cursor ? lt(users.id, filter.cursor) : undefined,
    ];
    const rows = await this.db
      .select()
      .from(users)
      .where(and(...conditions))
      .orderBy(desc(users.id))
      .limit(filter.limit + 1);
    return toPage(rows, filter.limit);
  }

  async create(values: NewUser): Promise<User> {
    try {
      const [row] = await this.db.insert(users).values(values).returning();
      return row;
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainException(ErrorCode.DuplicateEmail, { params: { email: values.email } });
      throw error;
    }
  }

  /**
   * Applies the changes unless they would demote or deactivate the last active administrator.
   * Active admins are locked first, so two admins demoting each other at once cannot both succeed.
   */
  async update(id: string, requested: UserChanges): Promise<{ before: User; after: User } | typeof LAST_ADMIN | undefined> {
    const changes = Object.fromEntries(Object.entries(requested).filter(([, value]) => value !== undefined)) as UserChanges;
    return this.db.transaction(async (tx) => {
      const otherAdmins = await this.lockOtherActiveAdmins(tx, id);
      const [before] = await tx.select().from(users).where(eq(users.id, id)).for('update');
      if (!before) return undefined;
      const next = { ...before, ...changes };
      if (isActiveAdmin(before) && !isActiveAdmin(next) && otherAdmins === 0) return LAST_ADMIN;
      if (Object.keys(changes).length === 0) return { before, after: before };
      const deactivated = before.active && next.active === false;
      const [after] = await tx
        .update(users)
        .set({ ...changes, ...(deactivated ? { tokenVersion: sql`${users.tokenVersion} + 1` } : {}) })
        .where(eq(users.id, id))
        .returning();
      return { before, after };
    }).catch((error: unknown) => {
      if (isUniqueViolation(error) && changes.phoneExtension) {
        throw new DomainException(ErrorCode.DuplicatePhoneExtension, { params: { extension: changes.phoneExtension }, details: { field: 'phoneExtension' } });
      }
      throw error;
    });
  }

  async delete(id: string): Promise<User | typeof LAST_ADMIN | undefined> {
    return this.db.transaction(async (tx) => {
      const otherAdmins = await this.lockOtherActiveAdmins(tx, id);
      const [user] = await tx.select().from(users).where(eq(users.id, id)).for('update');
      if (!user) return undefined;
      if (isActiveAdmin(user) && otherAdmins === 0) return LAST_ADMIN;
      await tx.delete(users).where(eq(users.id, id));
      return user;
    });
  }

  /** Stores a new password hash and bumps token_version, so every token issued before stops working. */
  async setPassword(id: string, passwordHash: string): Promise<User | undefined> {
    const [row] = await this.db
      .update(users)
      .set({ passwordHash, tokenVersion: sql`${users.tokenVersion} + 1` })
      .where(eq(users.id, id))
      .returning();
    return row;
  }

  async inboxesOf(userId: string) {
    return this.db
      .select({ id: inboxes.id, name: inboxes.name, type: inboxes.type, enabled: inboxes.enabled })
      .from(inboxMembers)
      .innerJoin(inboxes, eq(inboxes.id, inboxMembers.inboxId))
      .where(eq(inboxMembers.userId, userId))
      .orderBy(asc(inboxes.name));
  }

  async teamsOf(userId: string) {
    return this.db
      .select({ id: teams.id, name: teams.name, description: teams.description })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(eq(teamMembers.userId, userId))
      .orderBy(asc(teams.name));
  }

  /** Locks every active admin in id order (one order for everyone, so no deadlock) and counts those other than `exceptId`. */
  private async lockOtherActiveAdmins(tx: Transaction, exceptId: string): Promise<number> {
    const rows = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.active, true)))
      .orderBy(asc(users.id))
      .for('update');
    return rows.filter((row) => row.id !== exceptId).length;
  }
}
