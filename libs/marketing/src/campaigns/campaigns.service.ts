import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AuthUser } from '@app/auth';
import { DomainException, ErrorCode, notFound, requestContext, type FieldError } from '@app/common';
import type { CampaignRow, Page } from '@app/db';
import { t, type MessageKey } from '@app/i18n';
import { InboxesService } from '@app/inbox';
import { TemplatesService } from '@app/templates';
import { SegmentsPort } from '../marketing.contract.js';
import { CampaignDispatchJob } from './campaign-dispatch.job.js';
import { CampaignProgressPublisher } from './campaign-progress.publisher.js';
import { CampaignRecipientsRepository, emptyCounts, type RecipientWithContact } from './campaign-recipients.repository.js';
import { assertCanApply } from './campaign-transitions.js';
import type { CampaignCounts, CampaignRecipientView, CampaignResults, CampaignStatus, CampaignView } from './campaign.types.js';
import { CampaignsRepository } from './campaigns.repository.js';
import type { CreateCampaignInput, LaunchCampaignInput, ListCampaignsQuery, ListRecipientsQuery, UpdateCampaignInput } from './dto/campaign.dto.js';

/** The channels a broadcast can go through: each can start a conversation with a known contact. */
export const CAMPAIGN_CHANNELS = ['telegram', 'vk', 'email', 'sms'] as const;

@Injectable()
export class CampaignsService {
  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly recipients: CampaignRecipientsRepository,
    private readonly inboxes: InboxesService,
    private readonly templates: TemplatesService,
    private readonly segments: SegmentsPort,
    private readonly dispatch: CampaignDispatchJob,
    private readonly progress: CampaignProgressPublisher,
  ) {}

  async list(query: ListCampaignsQuery): Promise<Page<CampaignView>> {
    const page = await this.campaigns.list(query);
    const counts = await this.recipients.counts(page.items.map((c) => c.id));
    return { items: page.items.map((c) => toView(c, counts.get(c.id))), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<CampaignView> {
    const campaign = await this.require(id);
    return this.view(campaign);
  }

  async create(user: AuthUser, input: CreateCampaignInput): Promise<CampaignView> {
    await this.validate(user, input);
    const campaign = await this.campaigns.create({
      name: input.name,
      inboxId: input.inboxId,
      segmentId: input.segmentId,
      templateId: input.templateId,
      variables: input.variables,
      scheduledAt: input.scheduledAt ? new Date(input.scheduledAt) : null,
      cost: input.cost,
      createdById: user.id,
    });
    return toView(campaign, emptyCounts());
  }

  async update(user: AuthUser, id: string, input: UpdateCampaignInput): Promise<CampaignView> {
    const current = await this.require(id);
    const changed = Object.keys(input).filter((key) => input[key as keyof UpdateCampaignInput] !== undefined);
    assertCanApply('edit', current.status, changed);
    if (input.inboxId || input.segmentId || input.templateId) {
      await this.validate(user, { inboxId: input.inboxId ?? current.inboxId, segmentId: input.segmentId ?? current.segmentId, templateId: input.templateId ?? current.templateId });
    }
    const { scheduledAt, ...rest } = input;
    // A scheduled campaign given another time waits for that one: a new chain replaces the one waiting for the old time.
    const rescheduled = current.status === 'scheduled' && scheduledAt !== undefined ? randomUUID() : null;
    const updated = await this.campaigns.update(id, [current.status], {
      ...rest,
      ...(scheduledAt !== undefined ? { scheduledAt: scheduledAt ? new Date(scheduledAt) : null } : {}),
      ...(rescheduled ? { dispatchToken: rescheduled } : {}),
    });
    if (!updated) return this.conflict(id, 'edit');
    if (rescheduled) await this.dispatch.enqueue(id, rescheduled, (updated.scheduledAt?.getTime() ?? 0) - Date.now());
    return this.view(updated);
  }

  async delete(id: string): Promise<void> {
    const current = await this.require(id);
    assertCanApply('delete', current.status);
    if (!(await this.campaigns.delete(id, [current.status]))) await this.conflict(id, 'delete');
  }

  /** Sends at once, or at the given (or saved) time when that is still ahead. */
  async launch(user: AuthUser, id: string, input: LaunchCampaignInput): Promise<CampaignView> {
    const current = await this.require(id);
    assertCanApply('launch', current.status);
    if (input.scheduledAt && Date.parse(input.scheduledAt) <= Date.now()) throw invalid([field('scheduledAt', 'campaigns.schedule_past')]);
    await this.validate(user, current);
    const at = input.scheduledAt !== undefined ? (input.scheduledAt ? new Date(input.scheduledAt) : null) : current.scheduledAt;
    const later = at !== null && at.getTime() > Date.now();
    const token = randomUUID();
    const launched = await this.campaigns.update(id, ['draft'], later ? { status: 'scheduled', scheduledAt: at, dispatchToken: token } : { status: 'running', startedAt: new Date(), dispatchToken: token });
    if (!launched) return this.conflict(id, 'launch');
    await this.dispatch.enqueue(id, token, later ? at.getTime() - Date.now() : 0);
    this.progress.changed(id);
    return this.view(launched);
  }

  async pause(id: string): Promise<CampaignView> {
    const current = await this.require(id);
    assertCanApply('pause', current.status);
    const paused = await this.campaigns.update(id, ['running', 'scheduled'], { status: 'paused', dispatchToken: null });
    if (!paused) return this.conflict(id, 'pause');
    this.progress.changed(id);
    return this.view(paused);
  }

  /** Goes on from where it stopped; a campaign paused before its time waits for that time again. */
  async resume(id: string): Promise<CampaignView> {
    const current = await this.require(id);
    assertCanApply('resume', current.status);
    const waiting = !current.startedAt && current.scheduledAt !== null && current.scheduledAt.getTime() > Date.now();
    const token = randomUUID();
    const resumed = await this.campaigns.update(id, ['paused'], waiting ? { status: 'scheduled', dispatchToken: token } : { status: 'running', startedAt: current.startedAt ?? new Date(), dispatchToken: token });
    if (!resumed) return this.conflict(id, 'resume');
    await this.dispatch.enqueue(id, token, waiting ? current.scheduledAt!.getTime() - Date.now() : 0);
    this.progress.changed(id);
    return this.view(resumed);
  }

  /** Stops for good: recipients not sent to yet are skipped; messages already handed to the channel still go. */
  async cancel(id: string): Promise<CampaignView> {
    const current = await this.require(id);
    assertCanApply('cancel', current.status);
    const cancelled = await this.campaigns.update(id, ['scheduled', 'running', 'paused'], { status: 'cancelled', finishedAt: new Date(), dispatchToken: null });
    if (!cancelled) return this.conflict(id, 'cancel');
    await this.recipients.skipUndispatched(id, 'cancelled');
    this.progress.changed(id);
    return this.view(cancelled);
  }

  async recipientsOf(id: string, query: ListRecipientsQuery): Promise<Page<CampaignRecipientView>> {
    await this.require(id);
    const page = await this.recipients.list(id, query);
    return { items: page.items.map(toRecipientView), nextCursor: page.nextCursor };
  }

  async results(id: string): Promise<CampaignResults> {
    const campaign = await this.require(id);
    const counts = (await this.recipients.counts([id])).get(id)!;
    const deals = await this.recipients.deals(id, campaign.startedAt);
    const reached = counts.sent + counts.delivered + counts.replied;
    const attempted = counts.total - counts.skipped;
    return {
      ...counts,
      deliveryRate: ratio(reached, attempted),
      replyRate: ratio(counts.replied, reached),
      dealsCreated: deals.created,
      revenue: deals.revenue,
      cost: campaign.cost,
      costPerLead: campaign.cost !== null && deals.created > 0 ? centsToAmount(Math.round(amountToCents(campaign.cost) / deals.created)) : null,
    };
  }

  private async require(id: string): Promise<CampaignRow> {
    const campaign = await this.campaigns.findById(id);
    if (!campaign) throw notFound('entity.campaign', id);
    return campaign;
  }

  private async view(campaign: CampaignRow): Promise<CampaignView> {
    return toView(campaign, (await this.recipients.counts([campaign.id])).get(campaign.id));
  }

  /** The campaign changed between reading and writing it: the conflict names the status it has now. */
  private async conflict(id: string, action: 'edit' | 'delete' | 'launch' | 'pause' | 'resume' | 'cancel'): Promise<never> {
    const now = await this.require(id);
    assertCanApply(action, now.status, action === 'edit' ? ['inboxId'] : []);
    throw new DomainException(ErrorCode.Conflict);
  }

  /** Every problem of the inbox, template and segment at once, as field errors. */
  private async validate(user: AuthUser, input: { inboxId: string; segmentId: string; templateId: string | null }): Promise<void> {
    const errors: FieldError[] = [];
    const inbox = await this.inboxes.findOrThrow(input.inboxId).catch(unlessNotFound);
    if (!inbox) errors.push(field('inboxId', 'campaigns.inbox_unknown'));
    else if (!(CAMPAIGN_CHANNELS as readonly string[]).includes(inbox.type)) errors.push(field('inboxId', 'campaigns.inbox_channel_unsupported'));
    const template = input.templateId ? await this.templates.get(user, input.templateId).catch(unlessNotFound) : undefined;
    if (!template) errors.push(field('templateId', 'campaigns.template_unknown'));
    else if (template.inboxId !== null && template.inboxId !== input.inboxId) errors.push(field('templateId', 'campaigns.template_other_inbox'));
    if (!(await this.segments.require(input.segmentId).catch(unlessNotFound))) errors.push(field('segmentId', 'campaigns.segment_unknown'));
    if (errors.length) throw invalid(errors);
  }
}

function unlessNotFound(error: unknown): undefined {
  if (error instanceof DomainException && error.code === ErrorCode.NotFound) return undefined;
  throw error;
}

function field(name: string, key: MessageKey): FieldError {
  return { field: name, message: t(key, {}, requestContext.locale()) };
}

function invalid(errors: FieldError[]): DomainException {
  return new DomainException(ErrorCode.ValidationFailed, { errors });
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0;
}

function amountToCents(amount: string): number {
  const [whole, fraction = ''] = amount.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

function centsToAmount(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toView(c: CampaignRow, counts: CampaignCounts = emptyCounts()): CampaignView {
  return {
    id: c.id,
    name: c.name,
    inboxId: c.inboxId,
    segmentId: c.segmentId,
    templateId: c.templateId,
    variables: c.variables,
    status: c.status as CampaignStatus,
    scheduledAt: iso(c.scheduledAt),
    startedAt: iso(c.startedAt),
    finishedAt: iso(c.finishedAt),
    cost: c.cost,
    createdById: c.createdById,
    counts,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

function toRecipientView(r: RecipientWithContact): CampaignRecipientView {
  return {
    id: r.id,
    contact: { id: r.contactId, name: r.contactName },
    status: r.status,
    skipReason: r.skipReason,
    conversationId: r.conversationId,
    messageId: r.messageId,
    error: r.error,
    sentAt: iso(r.sentAt),
    deliveredAt: iso(r.deliveredAt),
    repliedAt: iso(r.repliedAt),
    createdAt: r.createdAt.toISOString(),
  };
}
