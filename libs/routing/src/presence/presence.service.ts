import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { PresenceStatus } from '@app/db';
import { ConversationAutomationService } from '@app/inbox';
import { RealtimeService, type PresenceTracker } from '@app/realtime';
import { AssignmentService } from '../assignment/assignment.service.js';
import { RosterRepository } from '../assignment/roster.repository.js';
import { freshnessOf, ROUTING_OPTIONS, type RoutingModuleOptions } from '../routing.options.js';
import { PresenceRepository, type AgentAvailabilityRow, type PresenceChange } from './presence.repository.js';

export interface AgentAvailability extends AgentAvailabilityRow {
  openConversations: number;
}

/** Activity is written at most this often per agent; typing sends it many times a minute. */
const ACTIVITY_WRITE_INTERVAL_MS = 20_000;

/**
 * Agents' presence for every process, kept in PostgreSQL: sockets connecting and leaving, heartbeats,
 * activity, and the status each agent picks. An agent coming online gets waiting conversations at once.
 */
@Injectable()
export class PresenceService implements PresenceTracker, OnModuleInit {
  private readonly logger = new Logger('Presence');
  private readonly lastActivityWrite = new Map<string, number>();

  constructor(
    private readonly presence: PresenceRepository,
    private readonly realtime: RealtimeService,
    private readonly assignment: AssignmentService,
    private readonly roster: RosterRepository,
    private readonly conversations: ConversationAutomationService,
    @Inject(ROUTING_OPTIONS) private readonly options: RoutingModuleOptions,
  ) {}

  onModuleInit() {
    this.realtime.setPresenceTracker(this);
  }

  async connected(userId: string): Promise<void> {
    this.lastActivityWrite.set(userId, Date.now());
    const change = await this.presence.connect(userId, new Date());
    // Another tab of an agent already online changes nothing for the others: no broadcast to every
    // agent (with thousands of connections that is a storm), but a look for waiting work all the same.
    await this.announce(change);
    if (change.status === 'online' && change.previous === 'online') await this.drainWaiting();
  }

  async disconnected(userId: string): Promise<void> {
    this.lastActivityWrite.delete(userId);
    await this.announce(await this.presence.disconnect(userId));
  }

  async heartbeat(userIds: string[]): Promise<void> {
    await this.presence.heartbeat(userIds, new Date());
  }

  async activity(userId: string): Promise<void> {
    const last = this.lastActivityWrite.get(userId) ?? 0;
    if (Date.now() - last < ACTIVITY_WRITE_INTERVAL_MS) return;
    this.lastActivityWrite.set(userId, Date.now());
    await this.announce(await this.presence.activity(userId, new Date(), freshnessOf(this.options)));
  }

  async list(): Promise<Array<{ userId: string; status: PresenceStatus }>> {
    return (await this.availability()).map((a) => ({ userId: a.userId, status: a.status }));
  }

  /** The agent picks online, busy (no new conversations) or offline. */
  async choose(userId: string, status: PresenceStatus): Promise<AgentAvailability> {
    this.lastActivityWrite.set(userId, Date.now());
    await this.announce(await this.presence.choose(userId, status, new Date()), true);
    const [row] = await this.withLoads(await this.availability([userId]));
    return row;
  }

  /** Active users with status and open conversations; members of the inbox and/or team when given. */
  async directory(filter: { inboxId?: string; teamId?: string }): Promise<AgentAvailability[]> {
    let ids: string[] | undefined;
    for (const members of [filter.inboxId && (await this.roster.inboxMembers(undefined, filter.inboxId)), filter.teamId && (await this.roster.teamMembers(undefined, filter.teamId))]) {
      if (!members) continue;
      const memberIds = members.map((u) => u.id);
      ids = ids ? ids.filter((id) => memberIds.includes(id)) : memberIds;
    }
    return this.withLoads(await this.availability(ids));
  }

  private async withLoads(rows: AgentAvailabilityRow[]): Promise<AgentAvailability[]> {
    const loads = await this.conversations.openLoad(rows.map((r) => r.userId));
    return rows.map((r) => ({ ...r, openConversations: loads.get(r.userId) ?? 0 }));
  }

  availability(userIds?: string[]): Promise<AgentAvailabilityRow[]> {
    return this.presence.availability(new Date(), freshnessOf(this.options), userIds);
  }

  /** Agents whose connection went silent or who have been idle too long go offline. */
  async expire(now = new Date()): Promise<string[]> {
    const expired = await this.presence.expire(now, freshnessOf(this.options));
    for (const userId of expired) this.realtime.emitMomentary('presence', { userId, status: 'offline' }, { everyone: true });
    return expired;
  }

  /** Tells everyone about a change; `always` also repeats an unchanged status (a reconnect, an explicit choice). */
  private async announce(change: PresenceChange, always = false): Promise<void> {
    if (change.status === change.previous && !always) return;
    this.realtime.emitMomentary('presence', { userId: change.userId, status: change.status }, { everyone: true });
    // A stored "online" may have been stale (a crashed process), so a connection or a choice always looks for waiting work.
    if (change.status === 'online' && (always || change.previous !== 'online')) await this.drainWaiting();
  }

  private draining: Promise<void> | null = null;
  private drainAgain = false;

  /**
   * Routes waiting conversations; calls that arrive while a drain runs share one more drain after it,
   * so a burst of connections costs two drains, not one each.
   */
  private drainWaiting(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    const run = async () => {
      do {
        this.drainAgain = false;
        await this.assignment.drain().catch((error) => this.logger.error(`Routing waiting conversations failed: ${(error as Error).message}`));
      } while (this.drainAgain);
    };
    this.draining = run().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }
}
