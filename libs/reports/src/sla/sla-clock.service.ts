import { Injectable } from '@nestjs/common';
import type { Conversation, ConversationSlaRow, SlaPolicyRow } from '@app/db';
import { ConversationAutomationService } from '@app/inbox';
import { RealtimeService } from '@app/realtime';
import { BusinessHoursService, type BusinessSchedule } from '@app/routing';
import { ReportsClock } from '../clock.js';
import type { ConversationSla, SlaAlert, SlaKind } from '../reports.contract.js';
import { choosePolicy, dueKey, dueTime, secondsOf, SLA_KINDS, slaStatus, type DueTime } from './sla-clock.js';
import { dueField, dueOf, SlaClockRepository, type SlaClockValues } from './sla-clock.repository.js';
import { SlaPoliciesRepository } from './sla-policies.repository.js';
import { SlaTimers, type SlaDueJobData } from './sla-timers.js';

type Verdict = 'hit' | 'missed' | 'already_missed';

/**
 * A conversation's SLA clocks: started by the first matching policy, met or missed by replies and
 * resolution, breached by timer jobs. Every step re-reads the stored clock, so a late, repeated or
 * stale job changes nothing.
 */
@Injectable()
export class SlaClockService {
  constructor(
    private readonly policies: SlaPoliciesRepository,
    private readonly clocks: SlaClockRepository,
    private readonly hours: BusinessHoursService,
    private readonly timers: SlaTimers,
    private readonly realtime: RealtimeService,
    private readonly conversations: ConversationAutomationService,
    private readonly clock: ReportsClock,
  ) {}

  async view(conversationId: string): Promise<ConversationSla | null> {
    const row = await this.clocks.find(conversationId);
    return row ? slaView(row) : null;
  }

  /** The clocks of a page of conversations, for the conversation list (one query). */
  async views(conversationIds: string[]): Promise<Map<string, ConversationSla>> {
    return new Map((await this.clocks.findMany(conversationIds)).map((row) => [row.conversationId, slaView(row)]));
  }

  /** Starts the clocks of the first matching policy; a conversation that already has clocks keeps them. */
  async conversationStarted(c: Conversation): Promise<ConversationSlaRow | undefined> {
    const existing = await this.clocks.find(c.id);
    if (existing) return existing;
    const policy = choosePolicy(await this.policies.active(), c);
    if (!policy) return undefined;
    const schedule = await this.scheduleFor(policy, c.inboxId);
    const first = policy.firstResponseSeconds !== null && !c.firstReplyAt ? dueTime(c.createdAt, policy.firstResponseSeconds, policy.warningPercent, schedule) : null;
    const resolution = policy.resolutionSeconds !== null && c.status !== 'resolved' ? dueTime(c.createdAt, policy.resolutionSeconds, policy.warningPercent, schedule) : null;
    const row = await this.clocks.start({
      conversationId: c.id,
      policyId: policy.id,
      firstResponseDueAt: first?.dueAt ?? null,
      resolutionDueAt: resolution?.dueAt ?? null,
      status: slaStatus({ misses: 0, dues: [first?.dueAt ?? null, resolution?.dueAt ?? null] }),
    });
    if (row.policyId === policy.id) {
      if (first && row.firstResponseDueAt) await this.timers.arm(c.id, 'first_response', first, { warning: true });
      if (resolution && row.resolutionDueAt) await this.timers.arm(c.id, 'resolution', resolution, { warning: true });
    }
    return row;
  }

  /** A customer's message after the first reply starts the next-response clock, unless one is already running. */
  async customerWrote(c: Conversation, at: Date): Promise<void> {
    // Before the first reply the only thing to do is start a missing clock, which needs a policy.
    if (!c.firstReplyAt && !choosePolicy(await this.policies.active(), c)) return;
    const row = await this.conversationStarted(c);
    if (!row || !c.firstReplyAt || row.firstResponseDueAt || row.nextResponseDueAt) return;
    const policy = await this.policies.find(row.policyId);
    if (!policy || policy.nextResponseSeconds === null) return;
    const due = dueTime(at, policy.nextResponseSeconds, policy.warningPercent, await this.scheduleFor(policy, c.inboxId));
    if (!due) return;
    const updated = await this.save(row, { nextResponseDueAt: due.dueAt, awaitingSince: at });
    if (updated) await this.timers.arm(c.id, 'next_response', due, { warning: true });
  }

  /** An agent's reply meets (or, late, misses) the first and next response due times. */
  async agentReplied(c: Conversation, at: Date): Promise<void> {
    const row = await this.clocks.find(c.id);
    if (!row) return;
    const kinds = (['first_response', 'next_response'] as const).filter((k) => dueOf(row, k));
    if (!kinds.length) return;
    await this.settle(row, c, kinds, at, { awaitingSince: null });
  }

  /** Resolution meets or misses its due time; the response clocks stop without a verdict. */
  async resolved(c: Conversation, at: Date): Promise<void> {
    const row = await this.clocks.find(c.id);
    if (!row) return;
    await this.settle(row, c, row.resolutionDueAt ? ['resolution'] : [], at, { firstResponseDueAt: null, nextResponseDueAt: null, awaitingSince: null });
  }

  /** The timer job: warns or records the breach only when that due time still stands unanswered. */
  async fire(job: SlaDueJobData): Promise<void> {
    const row = await this.clocks.find(job.conversationId);
    const due = row ? dueOf(row, job.kind) : null;
    if (!row || !due || due.toISOString() !== job.dueAt) return;
    const conversation = await this.conversations.find(job.conversationId);
    if (!conversation) return;
    if (conversation.status === 'resolved') {
      await this.save(row, { firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null, awaitingSince: null });
      return;
    }
    const now = this.clock.now();
    if (job.phase === 'warning') {
      if (now >= due || !(await this.clocks.markOnce(row.conversationId, 'warned', dueKey(job.kind, due)))) return;
      await this.announce('warning', row, conversation, job.kind, due);
      return;
    }
    if (now < due) {
      await this.timers.arm(row.conversationId, job.kind, { dueAt: due, warnAt: due }, { warning: false });
      return;
    }
    await this.breach(row, conversation, job.kind, due);
  }

  /** After a restart: overdue clocks are breached now, running ones get their timers again. */
  async rearm(pageSize = 500): Promise<number> {
    const now = this.clock.now();
    let afterId: string | null = null;
    let armed = 0;
    for (;;) {
      const page = await this.clocks.running(afterId, pageSize);
      if (!page.length) return armed;
      for (const { row, createdAt, inboxId } of page) {
        for (const kind of SLA_KINDS) {
          const due = dueOf(row, kind);
          if (!due || row.breached.includes(dueKey(kind, due))) continue;
          if (due <= now) await this.fire({ conversationId: row.conversationId, kind, dueAt: due.toISOString(), phase: 'breach' });
          else await this.timers.arm(row.conversationId, kind, await this.dueWithWarning(row, kind, due, { createdAt, inboxId }), { warning: !row.warned.includes(dueKey(kind, due)) });
          armed += 1;
        }
      }
      afterId = page[page.length - 1].row.conversationId;
    }
  }

  /** Breaches due times whose jobs were lost; cheap enough to run every minute. */
  async sweepOverdue(limit = 500): Promise<void> {
    for (const { conversationId, kind, dueAt } of await this.clocks.overdue(this.clock.now(), limit)) {
      await this.fire({ conversationId, kind, dueAt: dueAt.toISOString(), phase: 'breach' });
    }
  }

  private async breach(row: ConversationSlaRow, conversation: Conversation, kind: SlaKind, due: Date) {
    const marked = await this.clocks.markOnce(row.conversationId, 'breached', dueKey(kind, due));
    if (!marked) return;
    await this.save(marked, {});
    await this.announce('breached', marked, conversation, kind, due);
  }

  private async settle(row: ConversationSlaRow, c: Conversation, kinds: SlaKind[], at: Date, clear: SlaClockValues) {
    const verdicts = kinds.map((kind) => ({ kind, due: dueOf(row, kind)!, verdict: this.verdictOf(row, kind, dueOf(row, kind)!, at) }));
    const hits = verdicts.filter((v) => v.verdict === 'hit').length;
    const misses = verdicts.filter((v) => v.verdict === 'missed').length;
    const cleared: SlaClockValues = { ...clear, ...Object.fromEntries(kinds.map((k) => [dueField(k), null])) };
    const updated = await this.save(row, { ...cleared, hits: row.hits + hits, misses: row.misses + misses, breached: [...row.breached, ...verdicts.filter((v) => v.verdict === 'missed').map((v) => dueKey(v.kind, v.due))] });
    for (const v of verdicts) {
      if (v.verdict === 'hit') await this.announce('hit', updated ?? row, c, v.kind, v.due);
      if (v.verdict === 'missed') await this.announce('breached', updated ?? row, c, v.kind, v.due);
    }
  }

  private verdictOf(row: ConversationSlaRow, kind: SlaKind, due: Date, at: Date): Verdict {
    if (row.breached.includes(dueKey(kind, due))) return 'already_missed';
    return at <= due ? 'hit' : 'missed';
  }

  private async save(row: ConversationSlaRow, values: SlaClockValues): Promise<ConversationSlaRow | undefined> {
    const merged = { ...row, ...values };
    const status = slaStatus({ misses: merged.misses, dues: [merged.firstResponseDueAt, merged.nextResponseDueAt, merged.resolutionDueAt] });
    return this.clocks.update(row.conversationId, { ...values, status });
  }

  private async announce(event: 'warning' | 'breached' | 'hit', row: ConversationSlaRow, c: Conversation, kind: SlaKind, due: Date) {
    await this.clocks.recordEvent({ conversationId: c.id, policyId: row.policyId, kind, event, dueAt: due, inboxId: c.inboxId, teamId: c.teamId, assigneeId: c.assigneeId });
    const scope = { inboxId: c.inboxId, conversationId: c.id, assigneeId: c.assigneeId };
    if (event === 'hit') {
      this.realtime.emitSla('sla.hit', { conversationId: c.id, kind }, scope);
      return;
    }
    const alert: SlaAlert = { conversationId: c.id, kind, dueAt: due.toISOString(), assigneeId: c.assigneeId, inboxId: c.inboxId, contactName: await this.clocks.contactName(c.id) };
    this.realtime.emitSla(event === 'warning' ? 'sla.warning' : 'sla.breached', alert, scope);
  }

  private async dueWithWarning(row: ConversationSlaRow, kind: SlaKind, due: Date, c: { createdAt: Date; inboxId: string }): Promise<DueTime> {
    const policy = await this.policies.find(row.policyId);
    const seconds = policy ? secondsOf(policy, kind) : null;
    const start = kind === 'next_response' ? row.awaitingSince : c.createdAt;
    if (!policy || seconds === null || !start) return { dueAt: due, warnAt: due };
    const recomputed = dueTime(start, seconds, policy.warningPercent, await this.scheduleFor(policy, c.inboxId));
    return { dueAt: due, warnAt: recomputed?.warnAt ?? due };
  }

  private async scheduleFor(policy: SlaPolicyRow, inboxId: string): Promise<BusinessSchedule | null> {
    return policy.businessHoursOnly ? this.hours.schedule(inboxId) : null;
  }
}

function slaView(row: ConversationSlaRow): ConversationSla {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return { policyId: row.policyId, status: row.status as ConversationSla['status'], firstResponseDueAt: iso(row.firstResponseDueAt), nextResponseDueAt: iso(row.nextResponseDueAt), resolutionDueAt: iso(row.resolutionDueAt) };
}
