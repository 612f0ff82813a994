import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { DomainException, ErrorCode, notFound } from '@app/common';
import { InjectDb, isForeignKeyViolation, isUniqueViolation, pgErrorOf, teamMembers, teams, toPage, users, type Db, type Page, type Team } from '@app/db';
import { foldedMatches } from './folded-search.sql.js';

export interface TeamListItem extends Team {
  memberCount: number;
}

export interface TeamMember {
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
}

export interface TeamChanges {
  name?: string;
  description?: string | null;
}

@Injectable()
export class TeamsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(filter: { q?: string; cursor?: string; limit: number }): Promise<Page<TeamListItem>> {
    const rows = await this.db
      .select({
        id: teams.id,
        name: teams.name,
        description: teams.description,
        createdAt: teams.createdAt,
        updatedAt: teams.updatedAt,
        memberCount: sql<number>`(select count(*)::int from ${teamMembers} where ${teamMembers.teamId} = ${teams.id})`,
      })
      .from(teams)
      .where(and(filter.q ? foldedMatches(filter.q, teams.name, teams.description) : undefined, filter.cursor ? lt(teams.id, filter.cursor) : undefined))
      .orderBy(desc(teams.id))
      .limit(filter.limit + 1);
    return toPage(rows, filter.limit);
  }

  async findById(id: string): Promise<Team | undefined> {
    const [row] = await this.db.select().from(teams).where(eq(teams.id, id)).limit(1);
    return row;
  }

  async members(teamId: string): Promise<TeamMember[]> {
    return this.db
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(eq(teamMembers.teamId, teamId))
      .orderBy(asc(users.name), asc(users.id));
  }

  async create(values: { name: string; description?: string | null }): Promise<Team> {
    try {
      const [row] = await this.db.insert(teams).values(values).returning();
      return row;
    } catch (error) {
      throw this.translate(error, values.name);
    }
  }

  async update(id: string, changes: TeamChanges): Promise<Team | undefined> {
    if (changes.name === undefined && changes.description === undefined) return this.findById(id);
    try {
      const [row] = await this.db.update(teams).set(changes).where(eq(teams.id, id)).returning();
      return row;
    } catch (error) {
      throw this.translate(error, changes.name ?? '');
    }
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(teams).where(eq(teams.id, id)).returning({ id: teams.id });
    return rows.length > 0;
  }

  /** The ids among `userIds` that belong to no user. */
  async unknownUserIds(userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const found = await this.db.select({ id: users.id }).from(users).where(inArray(users.id, userIds));
    const known = new Set(found.map((row) => row.id));
    return userIds.filter((id) => !known.has(id));
  }

  async replaceMembers(teamId: string, userIds: string[]): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        await tx.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
        if (userIds.length) await tx.insert(teamMembers).values(userIds.map((userId) => ({ teamId, userId })));
      });
    } catch (error) {
      throw this.translateMembership(error, teamId, userIds);
    }
  }

  async addMember(teamId: string, userId: string): Promise<void> {
    try {
      await this.db.insert(teamMembers).values({ teamId, userId }).onConflictDoNothing();
    } catch (error) {
      throw this.translateMembership(error, teamId, [userId]);
    }
  }

  async removeMember(teamId: string, userId: string): Promise<void> {
    await this.db.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  }

  private translate(error: unknown, name: string): unknown {
    return isUniqueViolation(error) ? new DomainException(ErrorCode.DuplicateName, { params: { name } }) : error;
  }

  /** A team or user deleted meanwhile surfaces as a foreign key violation: answer 404 for the one that went. */
  private translateMembership(error: unknown, teamId: string, userIds: string[]): unknown {
    if (!isForeignKeyViolation(error)) return error;
    const { constraint = '', detail = '' } = pgErrorOf(error) ?? {};
    if (constraint.includes('team_id')) return notFound('entity.team', teamId);
    // The detail names the missing key: Key (user_id)=(…) is not present in table "users".
    const missing = /\(user_id\)=\(([^)]+)\)/.exec(detail)?.[1];
    return notFound('entity.user', missing ?? userIds[0] ?? '');
  }
}
