import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { AssignmentPolicy, Conversation, Executor } from '@app/db';
import { ConversationAutomationService, routingHoldOf, type AssignmentScope, type ThreadNote } from '@app/inbox';
import { InjectJobQueue, JobName, type JobQueue } from '@app/queue';
import { PresenceRepository } from '../presence/presence.repository.js';
import { freshnessOf, ROUTING_OPTIONS, type RoutingModuleOptions } from '../routing.options.js';
import { pickAgent } from './agent-picker.js';
import { AssignmentPoliciesRepository } from './assignment-policies.repository.js';
import { indexPolicies, policyScopeOf } from './policy-scope.js';
import { Roster } from './roster.js';
import { RosterRepository } from './roster.repository.js';
import { RoutingStateRepository } from './routing-state.repository.js';

/** Serialises routing decisions across every process, so no agent goes over capacity and no conversation is assigned twice. */
const ROUTING_LOCK = 724_611_002;
const DRAIN_BATCH = 100;

interface Offer {
  conversationId: string;
  expiresAt: Date;
}

interface RoutingTx {
  tx: Executor;
  scope: AssignmentScope;
  roster: Roster;
  offers: Offer[];
}

/** Set while a drain runs, so that a drain started by its own events only asks it to go round again. */
const draining = new AsyncLocalStorage<true>();

/**
 * Automatic assignment: picks an agent by the conversation's policy, keeps waiting conversations in
 * the queue and hands them out, oldest first, as agents come online or free capacity.
 */
@Injectable()
export class AssignmentService {
  private readonly logger = new Logger('Routing');
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly automation: ConversationAutomationService,
    private readonly policies: AssignmentPoliciesRepository,
    private readonly state: RoutingStateRepository,
    private readonly roster: RosterRepository,
    private readonly presence: PresenceRepository,
    @InjectJobQueue() private readonly queue: JobQueue,
    @Inject(ROUTING_OPTIONS) private readonly options: RoutingModuleOptions,
  ) {}

  /** Routes one conversation if it is open and unassigned; answers the agent it went to, if any. */
  async route(conversationId: string): Promise<string | null> {
    // Most conversations of manual inboxes need no decision: skip the lock that serialises decisions,
    // and with no policy at all, the read of the conversation too.
    const policies = await this.policies.enabled();
    if (policies.length === 0) return null;
    const current = await this.automation.find(conversationId);
    if (!current || current.status !== 'open' || current.assigneeId || routingHoldOf(current)) return null;
    const { policy, teamId } = policyScopeOf(indexPolicies(policies), current);
    if (!policy || (policy.kind === 'manual' && teamId === current.teamId)) return null;
    return this.inTransaction(async (rt) => {
      const conversation = await rt.scope.lock(conversationId);
      if (!conversation || conversation.status !== 'open' || conversation.assigneeId || routingHoldOf(conversation)) return null;
      return this.assignOne(rt, conversation);
    });
  }

  /** Hands waiting conversations out, oldest first, to whoever has room now. */
  drain(): Promise<void> {
    if (draining.getStore()) {
      this.again = true;
      return Promise.resolve();
    }
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = draining
      .run(true, async () => {
        do {
          this.again = false;
          await this.drainOnce();
        } while (this.again);
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** A rule names the agent: assigned regardless of capacity, as a person would. */
  async assignTo(conversationId: string, userId: string, userName: string): Promise<boolean> {
    return this.inTransaction(async (rt) => {
      const conversation = await rt.scope.lock(conversationId);
      if (!conversation || conversation.assigneeId === userId) return false;
      await rt.scope.assign(conversation, { assigneeId: userId, notes: [autoAssignedNote(userName, userId)] });
      await this.state.assigned(rt.tx, conversationId, null);
      await this.presence.markAssigned(rt.tx, userId, rt.roster.now);
      return true;
    });
  }

  /** A rule passes the conversation to a team; the team's policy then picks the agent if nobody has it. */
  async assignTeam(conversationId: string, teamId: string, teamName: string): Promise<boolean> {
    const changed = await this.inTransaction(async (rt) => {
      const conversation = await rt.scope.lock(conversationId);
      if (!conversation || conversation.teamId === teamId) return false;
      await rt.scope.assign(conversation, { teamId, notes: [{ key: 'system.auto_team_assigned', params: { team: teamName }, attributes: { event: 'team_assigned', teamId } }] });
      return true;
    });
    if (changed) await this.route(conversationId);
    return changed;
  }

  /** The offered agent answered: the conversation stays with them. */
  answered(conversationId: string, userId: string): Promise<void> {
    return this.state.clearOfferOf(conversationId, userId);
  }

  /** A person assigned or changed status by hand: any pending strict-order offer ends. */
  takenOver(conversationId: string): Promise<void> {
    return this.state.clearOfferOf(conversationId);
  }

  /** Strict order: when the offered agent has not answered in time, the conversation passes to the next one. */
  async expireOffer(conversationId: string, now = new Date()): Promise<string | null> {
    return this.inTransaction(async (rt) => {
      const conversation = await rt.scope.lock(conversationId);
      const routing = await this.state.get(conversationId, rt.tx);
      if (!routing?.offerUserId || !routing.offerExpiresAt || routing.offerExpiresAt > now) return null;
      const { policy, teamId } = rt.roster.resolve(conversation ?? { inboxId: '', teamId: null });
      if (!conversation || conversation.status !== 'open' || conversation.assigneeId !== routing.offerUserId || policy?.kind !== 'strict_order') {
        await this.state.clearOffer(rt.tx, conversationId);
        return null;
      }
      const candidates = await rt.roster.candidates(policy, conversation, teamId);
      const next = pickAgent({ kind: 'strict_order', candidates, lastAssignedUserId: null, exclude: new Set([...routing.triedUserIds, routing.offerUserId]) });
      if (!next) {
        // Nobody else can take it now: it stays with the agent who has it.
        await this.state.clearOffer(rt.tx, conversationId);
        return null;
      }
      const previous = rt.roster.nameOf(routing.offerUserId);
      const note: ThreadNote = {
        key: 'system.assignment_passed',
        params: { previous, assignee: rt.roster.nameOf(next), minutes: Math.max(1, Math.round(policy.strictTimeoutSeconds / 60)) },
        attributes: { event: 'assigned', assigneeId: next, automatic: true, passedFrom: routing.offerUserId },
      };
      await this.give(rt, conversation, policy, next, undefined, note);
      return next;
    });
  }

  async expireDueOffers(now = new Date()): Promise<void> {
    for (const id of await this.state.dueOffers(now)) await this.expireOffer(id, now);
  }

  private async drainOnce(): Promise<void> {
    if (!(await this.policies.enabled()).some((p) => p.kind !== 'manual' || p.routeToTeamId)) return;
    await this.inTransaction(async (rt) => {
      const scope = rt.roster.waitingScope();
      const exhausted = new Set<string>();
      let afterId: string | null = null;
      for (;;) {
        const batch = await rt.scope.waiting(scope, afterId, DRAIN_BATCH);
        for (const conversation of batch) {
          afterId = conversation.id;
          const key = this.scopeKey(rt.roster, conversation);
          if (exhausted.has(key)) continue;
          const assigned = await this.assignOne(rt, conversation);
          if (!assigned) exhausted.add(key);
        }
        if (batch.length < DRAIN_BATCH) return;
      }
    });
  }

  /** Conversations with the same key compete for the same agents: once one finds nobody, the rest of them wait too. */
  private scopeKey(roster: Roster, conversation: Conversation): string {
    const { policy, teamId } = roster.resolve(conversation);
    // Sticky and strict-order choices depend on the conversation itself.
    const personal = policy?.kind === 'sticky' || policy?.kind === 'strict_order';
    return personal ? conversation.id : `${policy?.id}:${teamId}:${conversation.inboxId}`;
  }

  private async assignOne(rt: RoutingTx, conversation: Conversation): Promise<string | null> {
    const { policy, teamId } = rt.roster.resolve(conversation);
    const teamChange = teamId !== null && teamId !== conversation.teamId ? teamId : undefined;
    if (!policy || policy.kind === 'manual') {
      if (teamChange) await this.handToTeam(rt, conversation, teamChange);
      return null;
    }
    const candidates = await rt.roster.candidates(policy, conversation, teamId);
    const routing = policy.kind === 'strict_order' ? await this.state.get(conversation.id, rt.tx) : undefined;
    const userId = pickAgent({
      kind: policy.kind,
      candidates,
      lastAssignedUserId: policy.lastAssignedUserId,
      exclude: new Set(routing?.triedUserIds ?? []),
      preferred: policy.kind === 'sticky' ? await this.stickyPreference(rt.tx, rt.scope, conversation) : undefined,
      stickyFallback: policy.stickyFallback,
    });
    if (!userId) {
      if (teamChange) await this.handToTeam(rt, conversation, teamChange);
      await this.state.markWaiting(rt.tx, conversation.id, rt.roster.now);
      return null;
    }
    await this.give(rt, conversation, policy, userId, teamChange, autoAssignedNote(rt.roster.nameOf(userId), userId));
    return userId;
  }

  private async give(rt: RoutingTx, conversation: Conversation, policy: AssignmentPolicy, userId: string, teamId: string | undefined, note: ThreadNote) {
    const { now } = rt.roster;
    await rt.scope.assign(conversation, { assigneeId: userId, ...(teamId !== undefined ? { teamId } : {}), notes: [note] });
    rt.roster.noteAssigned(userId, conversation.assigneeId);
    policy.lastAssignedUserId = userId;
    await this.policies.setLastAssigned(rt.tx, policy.id, userId);
    await this.presence.markAssigned(rt.tx, userId, now);
    const offer = policy.kind === 'strict_order' ? { userId, at: now, expiresAt: new Date(now.getTime() + policy.strictTimeoutSeconds * 1000) } : null;
    await this.state.assigned(rt.tx, conversation.id, offer);
    if (offer) rt.offers.push({ conversationId: conversation.id, expiresAt: offer.expiresAt });
  }

  private async handToTeam(rt: RoutingTx, conversation: Conversation, teamId: string) {
    await rt.scope.assign(conversation, { teamId, notes: [] });
  }

  /** The agent who last handled the contact, then the owner of the deal. */
  private async stickyPreference(tx: Executor, scope: AssignmentScope, conversation: Conversation): Promise<string[]> {
    const lastHandler = await scope.lastHandler(conversation.contactId, conversation.id);
    const owner = await this.roster.dealOwner(tx, conversation.dealId, conversation.contactId);
    return [lastHandler, owner].filter((id): id is string => id !== null);
  }

  private async inTransaction<T>(work: (rt: RoutingTx) => Promise<T>): Promise<T> {
    const offers: Offer[] = [];
    const result = await this.automation.assignmentTransaction(async (tx, scope) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${ROUTING_LOCK})`);
      const roster = new Roster(tx, scope, this.roster, this.presence, await this.policies.enabled(tx), new Date(), freshnessOf(this.options));
      return work({ tx, scope, roster, offers });
    });
    for (const offer of offers) await this.scheduleOfferTimeout(offer);
    return result;
  }

  private async scheduleOfferTimeout(offer: Offer): Promise<void> {
    try {
      await this.queue.add(
        JobName.RoutingOfferTimeout,
        { conversationId: offer.conversationId },
        { delayMs: Math.max(0, offer.expiresAt.getTime() - Date.now()), jobId: `offer:${offer.conversationId}:${offer.expiresAt.getTime()}` },
      );
    } catch (error) {
      // The periodic sweep finds expired offers in the database anyway.
      this.logger.warn(`Could not schedule the offer timeout of ${offer.conversationId}: ${(error as Error).message}`);
    }
  }
}

function autoAssignedNote(assignee: string, assigneeId: string): ThreadNote {
  return { key: 'system.auto_assigned', params: { assignee }, attributes: { event: 'assigned', assigneeId, automatic: true } };
}
