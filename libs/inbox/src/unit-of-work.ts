import { Injectable } from '@nestjs/common';
import { InjectDb, type Db } from '@app/db';
import { RealtimeService, type AgentEventDraft } from '@app/realtime';
import type { Executor } from './conversations/conversations.repository.js';
import { InboxEvents, type InboxEvent } from './inbox-events.js';

/** What a change announces: live events (recorded with it), domain events and work to do once it commits. */
export class ChangeSet {
  readonly live: AgentEventDraft[] = [];
  readonly domain: InboxEvent[] = [];
  readonly afterCommit: Array<() => Promise<void> | void> = [];

  announce(...drafts: AgentEventDraft[]) {
    this.live.push(...drafts);
  }
  emit(...events: InboxEvent[]) {
    this.domain.push(...events);
  }
  then(work: () => Promise<void> | void) {
    this.afterCommit.push(work);
  }
}

/**
 * One transaction for a change and the live events that announce it; the events go out, the
 * domain listeners run and follow-up work (enqueueing a delivery) starts only after the commit.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly realtime: RealtimeService,
    private readonly events: InboxEvents,
  ) {}

  async run<T>(work: (tx: Executor, changes: ChangeSet) => Promise<T>): Promise<T> {
    const changes = new ChangeSet();
    const { result, recorded } = await this.db.transaction(async (tx) => {
      const value = await work(tx, changes);
      return { result: value, recorded: await this.realtime.record(tx, changes.live) };
    });
    this.realtime.publish(recorded);
    for (const job of changes.afterCommit) await job();
    for (const event of changes.domain) await this.events.emit(event);
    return result;
  }
}
