import { describe, expect, it } from 'vitest';
import { ChannelConfigError, ChannelError, type ChannelAdapter, type InboundEvent, type PollResult } from '@channel-adapters/core';
import type { Inbox } from '@app/db';
import type { SyncState, SyncStatus } from './inbox-sync.repository.js';
import { PollingLoop, type PollingLoopPorts } from './polling-loop.js';

const inbox = { id: '01900000-0000-7000-8000-0000000000aa', type: 'telegram', updatedAt: new Date('2025-03-01T10:00:00Z') } as Inbox;
const TIMINGS = { leaseMs: 60_000, minBackoffMs: 1, maxBackoffMs: 4, maxAuthFailures: 3 };

const message = (id: string): InboundEvent => ({ kind: 'message', externalId: id, contact: { externalId: 'c-1' }, text: id });

type Step = PollResult | Error | 'hold';

/** An adapter answering polls from a script; 'hold' waits like a long poll until the loop aborts it. */
function scriptedChannel(steps: Step[]) {
  const cursors: unknown[] = [];
  let polled: () => void = () => undefined;
  const adapter = {
    poll: async (_context: unknown, cursor: unknown, signal: AbortSignal): Promise<PollResult> => {
      cursors.push(cursor);
      polled();
      const step = steps.shift() ?? 'hold';
      if (step === 'hold') return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
      if (step instanceof Error) throw step;
      return step;
    },
  } as unknown as ChannelAdapter & Required<Pick<ChannelAdapter, 'poll'>>;
  /** Resolves once the channel has been polled `count` times in all. */
  const polls = (count: number) =>
    new Promise<void>((resolve) => {
      if (cursors.length >= count) return resolve();
      polled = () => cursors.length >= count && resolve();
    });
  return { adapter, cursors, polls };
}

function fakePorts(adapter: ChannelAdapter & Required<Pick<ChannelAdapter, 'poll'>>, options: { leaseHeldElsewhere?: boolean; failIngestOnce?: string } = {}) {
  const state: SyncState = {};
  const ingested: string[] = [];
  const failures: Array<{ status: SyncStatus; error: string; stoppedFor?: string }> = [];
  const progress: unknown[] = [];
  let released = 0;
  let enabled = true;
  let failIngest = options.failIngestOnce;
  const ports: PollingLoopPorts = {
    load: async () => (enabled ? { inbox, adapter, context: { inboxId: inbox.id, settings: {} } } : undefined),
    acquire: async () => (options.leaseHeldElsewhere ? undefined : { ...state }),
    saveProgress: async (cursor, _leaseMs, done) => {
      state.cursor = cursor;
      state.status = 'ok';
      state.stoppedFor = null;
      progress.push(done);
      return true;
    },
    saveFailure: async (status, error, _leaseMs, stoppedFor) => {
      failures.push({ status, error, ...(stoppedFor ? { stoppedFor } : {}) });
      state.stoppedFor = stoppedFor ?? null;
      return true;
    },
    release: async () => void (released += 1),
    ingest: async (_inbox, event) => {
      if (event.externalId === failIngest) {
        failIngest = undefined;
        throw new Error('database unavailable');
      }
      ingested.push(event.externalId);
    },
    warn: () => undefined,
  };
  return { ports, state, ingested, failures, progress, released: () => released, disable: () => (enabled = false) };
}

describe('PollingLoop', () => {
  it('ingests each batch, then stores the cursor, and polls on from it', async () => {
    const channel = scriptedChannel([
      { events: [message('m-1'), message('m-2')], cursor: 11 },
      { events: [message('m-3')], cursor: 12 },
    ]);
    const fake = fakePorts(channel.adapter);
    const loop = new PollingLoop(fake.ports, TIMINGS);
    await channel.polls(3);
    await loop.stop();
    expect(fake.ingested).toEqual(['m-1', 'm-2', 'm-3']);
    expect(channel.cursors).toEqual([undefined, 11, 12]);
    expect(fake.state).toMatchObject({ cursor: 12, status: 'ok' });
    expect(fake.released()).toBe(1);
  });

  it('keeps the cursor when an event cannot be ingested, so the batch is fetched again', async () => {
    const channel = scriptedChannel([
      { events: [message('m-1'), message('m-2')], cursor: 11 },
      { events: [message('m-1'), message('m-2')], cursor: 11 },
    ]);
    const fake = fakePorts(channel.adapter, { failIngestOnce: 'm-2' });
    const loop = new PollingLoop(fake.ports, TIMINGS);
    await channel.polls(3);
    await loop.stop();
    expect(channel.cursors).toEqual([undefined, undefined, 11]);
    expect(fake.failures).toEqual([{ status: 'retrying', error: 'database unavailable' }]);
    expect(fake.ingested).toEqual(['m-1', 'm-1', 'm-2']);
  });

  it('marks the inbox auth_failed when the channel refuses the credentials, retrying with a bounded backoff', async () => {
    const channel = scriptedChannel([
      ChannelError.permanent('Telegram refused the bot token (401 Unauthorized)'),
      new ChannelConfigError('This Telegram inbox has no bot token'),
      ChannelError.retryable('Telegram could not be reached (ECONNREFUSED)'),
      { events: [message('m-1')], cursor: 2 },
    ]);
    const fake = fakePorts(channel.adapter);
    const loop = new PollingLoop(fake.ports, TIMINGS);
    await channel.polls(5);
    await loop.stop();
    expect(fake.failures.map((f) => f.status)).toEqual(['auth_failed', 'auth_failed', 'retrying']);
    expect(fake.failures[0].error).toContain('401');
    expect(fake.state).toMatchObject({ status: 'ok', cursor: 2 });
  });

  it('stops after maxAuthFailures refusals in a row and stays stopped for the same settings', async () => {
    const refused = () => new ChannelConfigError('IMAP authentication failed: the server refused the user name or password');
    const channel = scriptedChannel([refused(), refused(), refused(), { events: [message('m-1')], cursor: 2 }]);
    const fake = fakePorts(channel.adapter);
    await new PollingLoop(fake.ports, TIMINGS).done;
    expect(channel.cursors).toHaveLength(3);
    expect(fake.failures.map((f) => f.stoppedFor)).toEqual([undefined, undefined, inbox.updatedAt.toISOString()]);
    expect(fake.released()).toBe(1);

    // A loop started again (the periodic rescan) polls nothing until the settings change.
    await new PollingLoop(fake.ports, TIMINGS).done;
    expect(channel.cursors).toHaveLength(3);
    const changed = { ...fake.ports, load: async () => ({ inbox: { ...inbox, updatedAt: new Date('2025-03-02T10:00:00Z') }, adapter: channel.adapter, context: { inboxId: inbox.id, settings: {} } }) };
    const resumed = new PollingLoop(changed, TIMINGS);
    await channel.polls(5);
    await resumed.stop();
    expect(fake.ingested).toEqual(['m-1']);
  });

  it('counts only refusals in a row towards giving up', async () => {
    const refused = () => new ChannelConfigError('refused');
    const channel = scriptedChannel([refused(), refused(), ChannelError.retryable('down'), refused(), refused(), { events: [], cursor: 1 }]);
    const fake = fakePorts(channel.adapter);
    const loop = new PollingLoop(fake.ports, TIMINGS);
    await channel.polls(7);
    await loop.stop();
    expect(fake.failures.every((f) => f.stoppedFor === undefined)).toBe(true);
  });

  it('stores how far a catch-up has come with the cursor', async () => {
    const channel = scriptedChannel([
      { events: [message('m-1')], cursor: 1, progress: { done: 1, total: 2 } },
      { events: [message('m-2')], cursor: 2, progress: { done: 2, total: 2 } },
      { events: [], cursor: 2 },
    ]);
    const fake = fakePorts(channel.adapter);
    const loop = new PollingLoop(fake.ports, TIMINGS);
    await channel.polls(4);
    await loop.stop();
    expect(fake.progress).toEqual([{ done: 1, total: 2 }, { done: 2, total: 2 }, undefined]);
  });

  it('polls nothing while another process holds the lease', async () => {
    const channel = scriptedChannel([]);
    const fake = fakePorts(channel.adapter, { leaseHeldElsewhere: true });
    await new PollingLoop(fake.ports, TIMINGS).done;
    expect(channel.cursors).toEqual([]);
  });

  it('ends when the inbox is no longer to be polled', async () => {
    const channel = scriptedChannel([{ events: [], cursor: 1 }]);
    const fake = fakePorts(channel.adapter);
    fake.disable();
    await new PollingLoop(fake.ports, TIMINGS).done;
    expect(channel.cursors).toEqual([]);
    expect(fake.released()).toBe(1);
  });

  it('aborts a long poll in flight when stopped and gives the lease back', async () => {
    const channel = scriptedChannel(['hold']);
    const fake = fakePorts(channel.adapter);
    const loop = new PollingLoop(fake.ports, TIMINGS);
    await channel.polls(1);
    await loop.stop();
    expect(fake.failures).toEqual([]);
    expect(fake.released()).toBe(1);
  });
});
