import { ChannelError, channelErrorFromFetchFailure, channelErrorFromResponse } from '@channel-adapters/core';
import type { VkApi } from './vk-api.js';
import type { VkUpdate } from './vk-update.types.js';
import type { VkChannelSettings } from './vk.settings.js';

interface LongPollServer {
  server: string;
  key: string;
  ts: string;
}

interface Session extends LongPollServer {
  /** Which settings the key was given for: another token or community needs another key. */
  fingerprint: string;
}

export interface LongPollBatch {
  updates: VkUpdate[];
  cursor: { ts: string };
}

/**
 * Bots Long Poll: groups.getLongPollServer gives a server, a key and a ts; each request to the server
 * waits for the events after ts. Its answers failed=1 (events lost: continue from the new ts),
 * failed=2 (the key expired: ask for a new one) and failed=3 (everything lost: new key and ts).
 */
export class VkLongPoll {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly waitSec: number,
    private readonly requestTimeoutMs: number,
  ) {}

  async next(inboxId: string, settings: VkChannelSettings, api: VkApi, cursor: unknown, signal: AbortSignal): Promise<LongPollBatch> {
    const session = await this.session(inboxId, settings, api, signal);
    const ts = tsOf(cursor) ?? session.ts;
    const answer = await this.check(session, ts, signal);
    if (answer.failed === 1) return { updates: [], cursor: { ts: String(answer.ts ?? ts) } };
    if (answer.failed === 2) {
      this.sessions.delete(inboxId);
      return { updates: [], cursor: { ts } };
    }
    if (answer.failed === 3) {
      this.sessions.delete(inboxId);
      const fresh = await this.session(inboxId, settings, api, signal);
      return { updates: [], cursor: { ts: fresh.ts } };
    }
    if (answer.failed !== undefined) throw ChannelError.retryable(`The VK long-poll server answered failed=${answer.failed}`);
    const updates = (answer.updates ?? []).filter((update): update is VkUpdate => !!update && typeof update === 'object' && typeof (update as VkUpdate).type === 'string');
    return { updates, cursor: { ts: String(answer.ts ?? ts) } };
  }

  private async session(inboxId: string, settings: VkChannelSettings, api: VkApi, signal: AbortSignal): Promise<Session> {
    const fingerprint = `${settings.apiBaseUrl}|${settings.groupId}|${settings.accessToken}`;
    const current = this.sessions.get(inboxId);
    if (current?.fingerprint === fingerprint) return current;
    const server = await api.call<LongPollServer>('groups.getLongPollServer', { group_id: settings.groupId }, { signal, timeoutMs: this.requestTimeoutMs });
    const session = { server: server.server, key: server.key, ts: String(server.ts), fingerprint };
    this.sessions.set(inboxId, session);
    return session;
  }

  private async check(session: Session, ts: string, signal: AbortSignal): Promise<{ ts?: string | number; updates?: unknown[]; failed?: number }> {
    const url = new URL(session.server);
    url.search = new URLSearchParams({ act: 'a_check', key: session.key, ts, wait: String(this.waitSec) }).toString();
    const deadline = AbortSignal.timeout((this.waitSec + 15) * 1000);
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.any([signal, deadline]), redirect: 'error' });
    } catch (error) {
      throw channelErrorFromFetchFailure('The VK long-poll server', error);
    }
    if (!response.ok) throw channelErrorFromResponse('The VK long-poll server', response);
    const answer = (await response.json().catch(() => undefined)) as { ts?: string | number; updates?: unknown[]; failed?: number } | undefined;
    if (!answer || typeof answer !== 'object') throw ChannelError.retryable('The VK long-poll server answered with something other than JSON');
    return answer;
  }
}

function tsOf(cursor: unknown): string | undefined {
  const ts = (cursor as { ts?: unknown } | null | undefined)?.ts;
  return typeof ts === 'string' || typeof ts === 'number' ? String(ts) : undefined;
}
