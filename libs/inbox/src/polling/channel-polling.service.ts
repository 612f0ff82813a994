import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { ChannelAdapter, ChannelContext } from '@channel-adapters/core';
import { inboxType, type Inbox, type InboxType } from '@app/db';
import { CHANNEL_ADAPTERS, INBOX_RUNTIME, type ChannelAdapters, type InboxRuntimeOptions } from '../channel-adapters.port.js';
import { InboxEvents } from '../inbox-events.js';
import { InboxSettingsService } from '../inbox-settings.service.js';
import { publicWebhookUrlOf } from '../inbox-view.js';
import { InboxesRepository } from '../inboxes.repository.js';
import { IngestionService } from '../ingestion/ingestion.service.js';
import { InboxSyncRepository } from './inbox-sync.repository.js';
import { DEFAULT_POLLING_TIMINGS, PollingLoop, type PollingLoopPorts } from './polling-loop.js';

/** How often every job-running process looks for inboxes to poll that nobody polls (new, or whose poller died). */
const RESCAN_INTERVAL_MS = 30_000;

type PollingAdapter = ChannelAdapter & Required<Pick<ChannelAdapter, 'poll'>>;

/**
 * Keeps one polling loop per enabled inbox whose channel is read by polling (a Telegram bot without a
 * public webhook address), in the processes that run jobs. A lease in the inbox row makes sure that
 * among several processes exactly one polls each inbox; the others take over when it stops or dies.
 */
@Injectable()
export class ChannelPollingService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ChannelPolling');
  /** This process's name in leases; unique even for two processes with the same pid on different hosts. */
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly loops = new Map<string, PollingLoop>();
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    private readonly sync: InboxSyncRepository,
    private readonly inboxes: InboxesRepository,
    private readonly settings: InboxSettingsService,
    private readonly ingestion: IngestionService,
    private readonly events: InboxEvents,
    @Inject(CHANNEL_ADAPTERS) private readonly adapters: ChannelAdapters,
    @Inject(INBOX_RUNTIME) private readonly runtime: InboxRuntimeOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runtime.runsJobs) return;
    this.events.on('inbox.changed', ({ inboxId }) => this.restart(inboxId));
    await this.rescan();
    this.timer = setInterval(() => void this.rescan(), RESCAN_INTERVAL_MS);
    this.timer.unref();
  }

  /** Before the database closes: each loop gives its lease back, so a restarted process continues at once. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all([...this.loops.values()].map((loop) => loop.stop()));
  }

  /** The inbox ids polled by this process now. */
  polledHere(): string[] {
    return [...this.loops.keys()];
  }

  /** Starts a loop for every enabled polling inbox without one here; a loop whose lease another process holds ends at once. */
  async rescan(): Promise<void> {
    try {
      const types = inboxType.enumValues.filter((type) => this.pollingAdapterOf(type));
      const started: Array<Promise<unknown>> = [];
      for (const inbox of await this.sync.enabledOfTypes(types)) {
        try {
          if (this.contextIfPolling(inbox)) started.push(this.start(inbox.id));
        } catch (error) {
          // Settings that cannot be read (another APP_SECRET) must not keep the other inboxes from being polled.
          this.logger.warn(`Inbox ${inbox.id} cannot be polled: ${(error as Error).message}`);
        }
      }
      await Promise.all(started);
    } catch (error) {
      this.logger.warn(`Looking for inboxes to poll failed: ${(error as Error).message}`);
    }
  }

  /** After a change the loop starts over with the new settings, or not at all when the inbox is no longer polled. */
  async restart(inboxId: string): Promise<void> {
    await this.loops.get(inboxId)?.stop();
    await this.start(inboxId);
  }

  /** Resolves once the new loop holds the lease or has ended without it (so polledHere() is current). */
  private async start(inboxId: string): Promise<void> {
    if (this.stopping || this.loops.has(inboxId)) return;
    const loop = new PollingLoop(this.portsFor(inboxId), DEFAULT_POLLING_TIMINGS);
    this.loops.set(inboxId, loop);
    const forget = () => {
      if (this.loops.get(inboxId) === loop) this.loops.delete(inboxId);
    };
    void loop.done.finally(forget);
    if (!(await loop.leased)) forget();
  }

  private portsFor(inboxId: string): PollingLoopPorts {
    const { owner, sync } = this;
    return {
      load: async () => {
        const inbox = await this.inboxes.findById(inboxId);
        const context = inbox?.enabled ? this.contextIfPolling(inbox) : undefined;
        return inbox && context ? { inbox, adapter: this.pollingAdapterOf(inbox.type)!, context } : undefined;
      },
      acquire: (leaseMs) => sync.acquire(inboxId, owner, leaseMs),
      saveProgress: (cursor, leaseMs, progress) => sync.saveProgress(inboxId, owner, cursor, leaseMs, progress),
      saveFailure: (status, error, leaseMs, stoppedFor) => sync.saveFailure(inboxId, owner, status, error, leaseMs, stoppedFor),
      release: () => sync.release(inboxId, owner),
      ingest: (inbox, event) => this.ingestion.ingest(inbox, event),
      warn: (message) => this.logger.warn(`Polling inbox ${inboxId} failed: ${message}`),
    };
  }

  private contextIfPolling(inbox: Inbox): ChannelContext | undefined {
    const adapter = this.pollingAdapterOf(inbox.type);
    if (!adapter) return undefined;
    const context: ChannelContext = {
      inboxId: inbox.id,
      settings: this.settings.reveal(inbox.type, inbox.settings),
      publicUrl: this.runtime.publicUrl,
      webhookUrl: publicWebhookUrlOf(this.runtime.publicUrl, inbox.id),
    };
    return adapter.receivesByPolling?.(context) === false ? undefined : context;
  }

  private pollingAdapterOf(type: InboxType): PollingAdapter | undefined {
    const adapter = this.adapters.has(type) ? this.adapters.get(type) : undefined;
    return adapter?.poll ? (adapter as PollingAdapter) : undefined;
  }
}
