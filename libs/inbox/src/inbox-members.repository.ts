import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import { notFound } from '@app/common';
import { inboxes, inboxMembers, InjectDb, isForeignKeyViolation, pgErrorOf, users, type Db, type UserRole } from '@app/db';

export interface InboxMember {
  userId: string;
  name: string;
  email: string;
  role: UserRole;
  active: boolean;
  addedAt: Date;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Who belongs to an inbox. Member details come from the users table, read only. */
@Injectable()
export class InboxMembersRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(inboxId: string): Promise<InboxMember[]> {
    return this.db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        active: users.active,
        addedAt: inboxMembers.createdAt,
      })
      .from(inboxMembers)
      .innerJoin(users, eq(users.id, inboxMembers.userId))
      .where(eq(inboxMembers.inboxId, inboxId))
      .orderBy(asc(users.name), asc(users.id));
  }

  /** Makes exactly these users the members; 404 for an unknown inbox or user, and then nothing changes. */
  async replace(inboxId: string, userIds: string[]): Promise<void> {
    await this.withMissingRowsAs404(inboxId, () =>
      this.db.transaction(async (tx) => {
        await this.lockInbox(tx, inboxId);
        await this.assertUsersExist(tx, userIds);
        await tx
          .delete(inboxMembers)
          .where(and(eq(inboxMembers.inboxId, inboxId), userIds.length ? notInArray(inboxMembers.userId, userIds) : undefined));
        if (userIds.length) {
          await tx
            .insert(inboxMembers)
            .values(userIds.map((userId) => ({ inboxId, userId })))
            .onConflictDoNothing();
        }
      }),
    );
  }

  /** Adding a member twice changes nothing. */
  async add(inboxId: string, userId: string): Promise<void> {
    await this.withMissingRowsAs404(inboxId, async () => {
      await this.db.insert(inboxMembers).values({ inboxId, userId }).onConflictDoNothing();
    });
  }

  async remove(inboxId: string, userId: string): Promise<boolean> {
    const rows = await this.db
      .delete(inboxMembers)
      .where(and(eq(inboxMembers.inboxId, inboxId), eq(inboxMembers.userId, userId)))
      .returning({ userId: inboxMembers.userId });
    return rows.length > 0;
  }

  /** Serialises concurrent replacements of one inbox's members. */
  private async lockInbox(tx: Tx, inboxId: string): Promise<void> {
    const [row] = await tx.select({ id: inboxes.id }).from(inboxes).where(eq(inboxes.id, inboxId)).for('update');
    if (!row) throw notFound('entity.inbox', inboxId);
  }

  private async assertUsersExist(tx: Tx, userIds: string[]): Promise<void> {
    if (!userIds.length) return;
    const found = await tx.select({ id: users.id }).from(users).where(inArray(users.id, userIds));
    const known = new Set(found.map((row) => row.id));
    const missing = userIds.find((id) => !known.has(id));
    if (missing) throw notFound('entity.user', missing);
  }

  /** An inbox or user deleted meanwhile shows up as a foreign-key violation: answer 404 for it. */
  private async withMissingRowsAs404(inboxId: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
      const { constraint, detail } = pgErrorOf(error) ?? {};
      if (constraint === 'inbox_members_user_id_users_id_fk') throw notFound('entity.user', /\(user_id\)=\(([^)]+)\)/.exec(detail ?? '')?.[1] ?? '');
      throw notFound('entity.inbox', inboxId);
    }
  }
}
