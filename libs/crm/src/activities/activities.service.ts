import { Injectable } from '@nestjs/common';
import { notFound } from '@app/common';
import { InjectDb, type Activity, type Db, type Page } from '@app/db';
import type { Executor } from '../shared/db-types.js';
import { withReferenceChecks } from '../shared/db-errors.js';
import type { ActivityFilters, ActivityInput, ActivityType } from './activity.types.js';
import { ActivitiesRepository } from './activities.repository.js';

/** Calls, meetings, e-mails, tasks and notes around contacts, deals and conversations. */
@Injectable()
export class ActivitiesService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly activities: ActivitiesRepository,
  ) {}

  list(filters: ActivityFilters): Promise<Page<Activity>> {
    return this.activities.list(filters);
  }

  async get(id: string, executor?: Executor): Promise<Activity> {
    const activity = await this.activities.findById(id, executor);
    if (!activity) throw notFound('entity.activity', id);
    return activity;
  }

  /** Records an activity; `createdById` is the signed-in user who made it (none for integrations and bots). */
  create(input: ActivityInput & { type: ActivityType; subject: string }, createdById: string | null, executor: Executor = this.db): Promise<Activity> {
    const done = input.done ?? false;
    return withReferenceChecks(() =>
      this.activities.insert(
        {
          type: input.type,
          subject: input.subject,
          body: input.body ?? null,
          dueAt: input.dueAt ?? null,
          done,
          doneAt: done ? new Date() : null,
          contactId: input.contactId ?? null,
          dealId: input.dealId ?? null,
          conversationId: input.conversationId ?? null,
          ownerId: input.ownerId ?? null,
          createdById,
          metadata: input.metadata ?? {},
        },
        executor,
      ),
    );
  }

  /** Marking an activity done stamps when; marking it not done clears that. Pass a transaction to make it part of the caller's own. */
  async update(id: string, input: ActivityInput, executor?: Executor): Promise<Activity> {
    const current = await this.get(id, executor);
    const doneAt = input.done === undefined || input.done === current.done ? undefined : input.done ? new Date() : null;
    const updated = await withReferenceChecks(() => this.activities.update(id, { ...input, doneAt }, executor));
    if (!updated) throw notFound('entity.activity', id);
    return updated;
  }

  async delete(id: string): Promise<void> {
    if (!(await this.activities.delete(id))) throw notFound('entity.activity', id);
  }
}
