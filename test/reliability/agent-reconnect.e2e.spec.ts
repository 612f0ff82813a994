import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, type AgentClient } from '../support/agent-socket.js';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { eventually } from '../support/eventually.js';
import { reportReliability } from '../support/reliability-report.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BATCH = 20;

/** An agent's connection drops mid-stream: everything shown live before, during and after reaches them once. */
describe('agent socket dropped and reconnected mid-stream', () => {
  let t: TestApp;
  let baseUrl: string;
  let inbox: ApiInbox;
  let agent: { id: string; token: string };

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await t.listen();
    inbox = await createApiInbox(t, await t.adminToken());
    agent = await t.createUser('agent', { inboxIds: [inbox.id] });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const send = async (from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      await postWebhook(t, inbox, { externalId: `stream-${i}`, contact: { externalId: `c-${i % 3}` }, text: `поток ${i}` }).expect(200);
    }
  };
  const streamed = (client: AgentClient) => client.events.filter((e) => e.type === 'message.created' && String((e.payload as { content?: unknown }).content).startsWith('поток '));
  // Only the customers' messages: system lines (an assignment, say) may repeat the same text.
  const contents = (client: AgentClient) => streamed(client).map((e) => (e.payload as { content: string }).content);

  it('delivers every message exactly once across the reconnect, those sent while away included', async () => {
    const first = await connectAgent(baseUrl, agent.token);
    await send(0, BATCH);
    await eventually(async () => expect(contents(first)).toHaveLength(BATCH));
    first.close();
    const lastSeen = first.lastEventId();

    await send(BATCH, 2 * BATCH);
    const second = await connectAgent(baseUrl, agent.token, { lastEventId: lastSeen });
    try {
      await send(2 * BATCH, 3 * BATCH);
      const expected = Array.from({ length: 3 * BATCH }, (_, i) => `поток ${i}`);
      await eventually(async () => expect(new Set([...contents(first), ...contents(second)]).size).toBe(expected.length));

      // A catch-up resends a few ids before the last one seen, by design; a client (the web app too) keeps the ids it has
      // seen across reconnects. A duplicate is what remains after that: one message announced under two ids.
      const firstIds = new Set(first.events.map((e) => e.id));
      const fresh = streamed(second).filter((e) => !firstIds.has(e.id));
      const shown = [...streamed(first), ...fresh].map((e) => (e.payload as { content: string }).content);
      const duplicated = shown.length - new Set(shown).size;
      const delivered = expected.filter((text) => shown.includes(text)).length;
      reportReliability('fault: agent socket dropped', {
        faultsInjected: 1,
        messagesSent: expected.length,
        messagesStored: expected.length,
        messagesDelivered: delivered,
        messagesDuplicated: duplicated,
        messagesLost: expected.length - delivered,
      });
      expect({ delivered, duplicated }).toEqual({ delivered: expected.length, duplicated: 0 });
      // Those sent while away came first, in order, before the ones sent after the reconnect.
      expect(fresh.map((e) => (e.payload as { content: string }).content)).toEqual(expected.slice(BATCH));
    } finally {
      second.close();
    }
  });
});
