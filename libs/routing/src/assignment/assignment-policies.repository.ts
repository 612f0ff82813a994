import { Injectable } from '@nestjs/common';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { DomainException, ErrorCode, notFound } from '@app/common';
import { assignmentPolicies, InjectDb, isForeignKeyViolation, isUniqueViolation, pgErrorOf, toPage, type AssignmentPolicy, type Db, type Executor, type Page } from '@app/db';

import { ReadCache } from '@app/queue';

const CACHE = 'assignment-policies';

export type PolicyValues = Omit<typeof assignmentPolicies.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'lastAssignedUserId'>;

@Injectable()
export class AssignmentPoliciesRepository {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly cache: ReadCache,
  ) {}

  async list(filter: { inboxId?: string; teamId?: string; cursor?: string; limit: number }): Promise<Page<AssignmentPolicy>> {
    const conditions: Array<SQL | undefined> = [
      filter.inboxId || filter.teamId
        ? or(filter.inboxId ? eq(assignmentPolicies.inboxId, filter.inboxId) : undefined, filter.teamId ? eq(assignmentPolicies.teamId, filter.teamId) : undefined)
        : undefined,
      filter.cursor ? lt(assignmentPolicies.id, filter.cursor) : undefined,
    ];
    const rows = await this.db
      .select()
      .from(assignmentPolicies)
      .where(and(...conditions))
      .orderBy(desc(assignmentPolicies.id))
      .limit(filter.limit + 1);
    return toPage(rows, filter.limit);
  }

  /**
   * The enabled policies. Routing reads them in its locked transaction (`executor`) fresh, since they
   * carry the round-robin position; everyone else asks which policy applies, so that read is cached.
   */
  enabled(executor?: Executor): Promise<AssignmentPolicy[]> {
    const read = (e: Executor) => e.select().from(assignmentPolicies).where(eq(assignmentPolicies.enabled, true));
    return executor ? read(executor) : this.cache.get(CACHE, () => read(this.db));
  }

  async findById(id: string): Promise<AssignmentPolicy | undefined> {
    const [row] = await this.db.select().from(assignmentPolicies).where(eq(assignmentPolicies.id, id)).limit(1);
    return row;
  }

  async create(values: PolicyValues): Promise<AssignmentPolicy> {
    try {
      const [row] = await this.db.insert(assignmentPolicies).values(values).returning();
      this.cache.invalidate(CACHE);
      return row;
    } catch (error) {
      throw await this.translate(error, values);
    }
  }

  async update(id: string, values: Partial<PolicyValues>): Promise<AssignmentPolicy | undefined> {
    try {
      const [row] = await this.db.update(assignmentPolicies).set(values).where(eq(assignmentPolicies.id, id)).returning();
      this.cache.invalidate(CACHE);
      return row;
    } catch (error) {
      throw await this.translate(error, values);
    }
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(assignmentPolicies).where(eq(assignmentPolicies.id, id)).returning({ id: assignmentPolicies.id });
    this.cache.invalidate(CACHE);
    return rows.length > 0;
  }

  async setLastAssigned(executor: Executor, id: string, userId: string): Promise<void> {
    await executor.update(assignmentPolicies).set({ lastAssignedUserId: userId }).where(eq(assignmentPolicies.id, id));
  }

  private async translate(error: unknown, values: Partial<PolicyValues>): Promise<unknown> {
    if (isUniqueViolation(error)) {
      const byInbox = Boolean(values.inboxId);
      const [existing] = await this.db
        .select({ id: assignmentPolicies.id })
        .from(assignmentPolicies)
        .where(byInbox ? eq(assignmentPolicies.inboxId, values.inboxId!) : eq(assignmentPolicies.teamId, values.teamId!))
        .limit(1);
      return new DomainException(ErrorCode.AssignmentPolicyExists, {
        params: { scope: byInbox ? 'field.scope.inbox' : 'field.scope.team', existingId: existing?.id ?? '' },
        details: { existingId: existing?.id ?? null },
      });
    }
    if (isForeignKeyViolation(error)) {
      const constraint = pgErrorOf(error)?.constraint ?? '';
      if (constraint.includes('inbox_id')) return notFound('entity.inbox', values.inboxId ?? '');
      return notFound('entity.team', (constraint.includes('route_to_team') ? values.routeToTeamId : values.teamId) ?? '');
    }
    return error;
  }
}
