import { describe, expect, it, vi } from 'vitest';
import { DomainException, ErrorCode } from '@app/common';
import type { CampaignRecipientRow, CampaignRow, Executor, Inbox } from '@app/db';
import type { InboxesService } from '@app/inbox';
import { JobName, type JobQueue } from '@app/queue';
import type { OutreachPort, OutreachRequest, OutreachResult, SegmentsPort } from '../marketing.contract.js';
import { CampaignDispatchJob } from './campaign-dispatch.job.js';
import { EXPANSION_PAGE, TICK_MS } from './campaign-pace.js';
import type { CampaignProgressPublisher } from './campaign-progress.publisher.js';
import type { CampaignRecipientsRepository } from './campaign-recipients.repository.js';
import type { CampaignsRepository } from './campaigns.repository.js';

const TOKEN = 'chain-1';

function campaignRow(over: Partial<CampaignRow> = {}): CampaignRow {
  return {
    id: 'c1',
    name: 'Весна',
    inboxId: 'i1',
    segmentId: 's1',
    templateId: 't1',
    variables: { promo: 'SPRING' },
    status: 'running',
    scheduledAt: null,
    startedAt: new Date(),
    finishedAt: null,
    cost: null,
    createdById: null,
    expansionCursor: null,
    expandedAt: new Date(),
    dispatchToken: TOKEN,
    searchText: '',
    createdAt: new Date(),
    updatedAt: new Date(),
    ...over,
  };
}

const TX = { transaction: 'tx' } as unknown as Executor;

/** Writes through the ledger as outreach does in the message's transaction. */
async function queued(r: OutreachRequest, conversationId: string, messageId: string): Promise<OutreachResult> {
  if (!(await r.ledger!.claim(TX))) return { status: 'settled' };
  await r.ledger!.record(TX, { conversationId, messageId });
  return { status: 'queued', conversationId, messageId };
}

const recipient = (id: string): CampaignRecipientRow => ({ id, campaignId: 'c1', contactId: `contact-${id}`, status: 'queued' } as CampaignRecipientRow);

/** Every collaborator is a strict fake: a call the test did not expect fails it. */
function setup(campaign: CampaignRow | undefined, options: { inFlight?: number; undispatched?: CampaignRecipientRow[]; segmentPage?: string[]; send?: (r: OutreachRequest) => Promise<OutreachResult> } = {}) {
  const strict = <T extends object>(impl: Partial<Record<keyof T, unknown>>) =>
    new Proxy(impl, { get: (target, key) => (key in target ? target[key as keyof typeof target] : key === 'then' ? undefined : () => { throw new Error(`unexpected call ${String(key)}`); }) }) as unknown as T;
  const campaigns = { findById: vi.fn(async () => campaign), update: vi.fn(async () => campaign), recordExpansion: vi.fn(async () => undefined), completeIfDone: vi.fn(async () => undefined as CampaignRow | undefined) };
  const recipients = {
    add: vi.fn(async () => undefined),
    lockUndispatched: vi.fn(async () => true),
    inFlight: vi.fn(async () => options.inFlight ?? 0),
    undispatched: vi.fn(async (_id: string, limit: number) => (options.undispatched ?? []).slice(0, limit)),
    recordQueued: vi.fn(async () => undefined),
    recordSkipped: vi.fn(async () => undefined),
    recordOutcome: vi.fn(async () => 'c1'),
    reconcile: vi.fn(async () => undefined),
  };
  const queue = { add: vi.fn(async () => undefined) };
  const outreach = { send: vi.fn(options.send ?? ((r: OutreachRequest) => queued(r, `conv-${r.source.recipientId}`, `msg-${r.source.recipientId}`))) };
  const segments = { page: vi.fn(async () => options.segmentPage ?? []) };
  const inboxes = { findOrThrow: vi.fn(async () => ({ id: 'i1', type: 'telegram' }) as Inbox) };
  const progress = { changed: vi.fn() };
  const job = new CampaignDispatchJob(
    strict<CampaignsRepository>(campaigns),
    strict<CampaignRecipientsRepository>(recipients),
    strict<InboxesService>(inboxes),
    strict<OutreachPort>(outreach),
    strict<SegmentsPort>(segments),
    strict<CampaignProgressPublisher>(progress),
    strict<JobQueue>(queue),
    { runsJobs: true },
  );
  return { job, campaigns, recipients, queue, outreach, segments, progress };
}

describe('CampaignDispatchJob', () => {
  it('does nothing when the step belongs to an older chain (before a pause or a restart)', async () => {
    const { job, queue, outreach } = setup(campaignRow({ dispatchToken: 'chain-2' }));
    await job.handle({ campaignId: 'c1', token: TOKEN });
    expect(queue.add).not.toHaveBeenCalled();
    expect(outreach.send).not.toHaveBeenCalled();
  });

  it('stops without sending when the campaign was paused or cancelled meanwhile', async () => {
    const { job, queue, outreach } = setup(campaignRow({ status: 'paused' }));
    await job.handle({ campaignId: 'c1', token: TOKEN });
    expect(queue.add).not.toHaveBeenCalled();
    expect(outreach.send).not.toHaveBeenCalled();
  });

  it('copies one page of the segment and goes on from its last contact when the page was full', async () => {
    const page = Array.from({ length: EXPANSION_PAGE }, (_, i) => `contact-${String(i).padStart(4, '0')}`);
    const { job, recipients, campaigns, segments, queue } = setup(campaignRow({ expandedAt: null, expansionCursor: 'contact-prev' }), { segmentPage: page });
    await job.handle({ campaignId: 'c1', token: TOKEN });
    expect(segments.page).toHaveBeenCalledWith('s1', 'contact-prev', EXPANSION_PAGE);
    expect(recipients.add).toHaveBeenCalledWith('c1', page);
    expect(campaigns.recordExpansion).toHaveBeenCalledWith('c1', page.at(-1), false);
    expect(queue.add).toHaveBeenCalledWith(JobName.CampaignDispatch, { campaignId: 'c1', token: TOKEN }, { delayMs: 0 });
  });

  it('hands over only what the outbox has room for, with the campaign variables and source, and records skips', async () => {
    const batch = ['r1', 'r2', 'r3'].map(recipient);
    const { job, recipients, outreach, queue } = setup(campaignRow(), {
      inFlight: 21,
      undispatched: [...batch, recipient('r4')],
      send: async (r) => (r.source.recipientId === 'r2' ? { status: 'skipped', reason: 'opted_out' } : queued(r, 'conv', `msg-${r.source.recipientId}`)),
    });
    await job.handle({ campaignId: 'c1', token: TOKEN });
    expect(recipients.undispatched).toHaveBeenCalledWith('c1', 3);
    expect(outreach.send).toHaveBeenCalledTimes(3);
    expect(outreach.send.mock.calls[0][0]).toEqual({
      contactId: 'contact-r1',
      inboxId: 'i1',
      templateId: 't1',
      variables: { promo: 'SPRING' },
      source: { kind: 'campaign', id: 'c1', recipientId: 'r1' },
      marketing: true,
      ledger: expect.any(Object),
    });
    expect(recipients.lockUndispatched).toHaveBeenCalledWith(TX, 'r1');
    expect(recipients.recordQueued).toHaveBeenCalledWith('r1', 'conv', 'msg-r1', TX);
    expect(recipients.recordSkipped).toHaveBeenCalledWith('r2', 'opted_out');
    const [name, data, options] = queue.add.mock.calls[0] as unknown as [JobName, unknown, { delayMs: number }];
    expect([name, data]).toEqual([JobName.CampaignDispatch, { campaignId: 'c1', token: TOKEN }]);
    expect(options.delayMs).toBeGreaterThan(TICK_MS - 100);
    expect(options.delayMs).toBeLessThanOrEqual(TICK_MS);
  });

  it('marks one contact failed when outreach refuses it, and goes on with the others', async () => {
    const { job, recipients, outreach } = setup(campaignRow(), {
      undispatched: [recipient('r1'), recipient('r2')],
      send: async (r) => {
        if (r.source.recipientId === 'r1') throw new DomainException(ErrorCode.NotFound);
        return queued(r, 'conv', 'msg-r2');
      },
    });
    await job.handle({ campaignId: 'c1', token: TOKEN });
    expect(recipients.recordOutcome).toHaveBeenCalledWith({ recipientId: 'r1' }, { status: 'failed', error: 'not_found' });
    expect(outreach.send).toHaveBeenCalledTimes(2);
  });

  it('records nothing for a recipient whose message an earlier attempt already wrote', async () => {
    const { job, recipients, outreach } = setup(campaignRow(), { undispatched: [recipient('r1')] });
    recipients.lockUndispatched.mockResolvedValueOnce(false);
    await job.handle({ campaignId: 'c1', token: TOKEN });
    expect(outreach.send).toHaveBeenCalledTimes(1);
    expect(recipients.recordQueued).not.toHaveBeenCalled();
    expect(recipients.recordSkipped).not.toHaveBeenCalled();
    expect(recipients.recordOutcome).not.toHaveBeenCalled();
  });

  it('completes once everyone is handed over and their messages have left', async () => {
    const { job, campaigns, recipients, queue, progress } = setup(campaignRow(), { undispatched: [] });
    campaigns.completeIfDone.mockResolvedValueOnce(campaignRow({ status: 'completed' }));
    await job.handle({ campaignId: 'c1', token: TOKEN });
    expect(recipients.reconcile).toHaveBeenCalledWith('c1');
    expect(queue.add).not.toHaveBeenCalled();
    expect(progress.changed).toHaveBeenCalledWith('c1');
  });
});
