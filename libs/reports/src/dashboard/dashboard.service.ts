import { Injectable } from '@nestjs/common';
import { InboxAccessService, type AuthUser } from '@app/auth';
import { ReportsClock } from '../clock.js';
import type { LiveDashboard, SlaAlert, SlaKind } from '../reports.contract.js';
import { dueKey } from '../sla/sla-clock.js';
import { DashboardRepository, type AgentRow, type ClockRow, type PolicyRow } from './dashboard.repository.js';
import { FactsService } from '../facts/facts.service.js';

const ALERT_LIMIT = 100;

/** The smallest limit any enabled assignment policy sets for this agent (their own override first); null: none. */
export function capacityOf(agent: Pick<AgentRow, 'userId' | 'inboxIds'>, policies: PolicyRow[]): number | null {
  const limits = policies.flatMap((p) => {
    const listed = p.agents.find((a) => a.userId === agent.userId);
    const covers = listed || (p.agents.length === 0 && p.inboxId !== null && agent.inboxIds.includes(p.inboxId));
    if (!covers) return [];
    const limit = listed?.capacity ?? p.capacity;
    return limit === null || limit === undefined ? [] : [limit];
  });
  return limits.length ? Math.min(...limits) : null;
}

/** Splits the running clocks into breaches (a due time passed) and warnings (warned, not yet due). */
export function alertsOf(rows: ClockRow[], now: Date): { breaches: SlaAlert[]; warnings: SlaAlert[] } {
  const breaches: SlaAlert[] = [];
  const warnings: SlaAlert[] = [];
  for (const row of rows) {
    const dues: Array<[SlaKind, Date | null]> = [
      ['first_response', row.firstResponseDueAt],
      ['next_response', row.nextResponseDueAt],
      ['resolution', row.resolutionDueAt],
    ];
    for (const [kind, due] of dues) {
      if (!due) continue;
      const alert: SlaAlert = { conversationId: row.conversationId, kind, dueAt: due.toISOString(), assigneeId: row.assigneeId, inboxId: row.inboxId, contactName: row.contactName };
      if (due <= now) breaches.push(alert);
      else if (row.warned.includes(dueKey(kind, due))) warnings.push(alert);
    }
  }
  const byDue = (a: SlaAlert, b: SlaAlert) => a.dueAt.localeCompare(b.dueAt);
  return { breaches: breaches.sort(byDue), warnings: warnings.sort(byDue) };
}

/** What a supervisor watches live: the queue, who is waiting longest, agents' load, SLA breaches and warnings. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dashboard: DashboardRepository,
    private readonly access: InboxAccessService,
    private readonly clock: ReportsClock,
    private readonly facts: FactsService,
  ) {}

  async live(user: AuthUser): Promise<LiveDashboard> {
    await this.facts.ensureBackfilled();
    const inboxIds = await this.access.visibleInboxIds(user);
    const now = this.clock.now();
    const [queue, agents, policies, clocks] = await Promise.all([
      this.dashboard.queue(inboxIds),
      this.dashboard.agents(inboxIds),
      this.dashboard.policies(),
      this.dashboard.alerts(inboxIds, now, ALERT_LIMIT),
    ]);
    const { breaches, warnings } = alertsOf(clocks, now);
    return {
      generatedAt: now.toISOString(),
      open: queue.open,
      unassigned: queue.unassigned,
      waiting: queue.waiting,
      longestWait: queue.longestWait ? { seconds: Math.max(0, Math.round((now.getTime() - queue.longestWait.since.getTime()) / 1000)), conversationId: queue.longestWait.conversationId } : null,
      agents: agents.map((a) => ({ userId: a.userId, name: a.name, presence: a.presence, openConversations: a.openConversations, capacity: capacityOf(a, policies) })),
      slaBreaches: breaches,
      slaWarnings: warnings,
    };
  }
}
