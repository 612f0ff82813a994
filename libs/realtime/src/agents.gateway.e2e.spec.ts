import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent } from '../../../test/support/agent-socket.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('the /agents namespace', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp();
    url = await t.listen();
  });
  afterAll(() => t.close());

  it('refuses a connection without a valid token', async () => {
    await expect(connectAgent(url, 'not-a-token')).rejects.toThrow(/Sign in again/);
  });

  it('announces presence and lists who is online', async () => {
    const first = await t.createUser('agent');
    const second = await t.createUser('supervisor');
    const watcher = await connectAgent(url, second.token);
    const agent = await connectAgent(url, first.token);
    const online = await watcher.waitFor('presence', (e) => e.payload.userId === first.id && e.payload.status === 'online');
    expect(online.id).toBe(0);
    const list = (await watcher.socket.emitWithAck('presence.list', {})) as { online: string[] };
    expect(list.online.sort()).toEqual([first.id, second.id].sort());
    agent.close();
    await watcher.waitFor('presence', (e) => e.payload.userId === first.id && e.payload.status === 'offline');
    watcher.close();
  });

  it('answers an explicit catch-up request with the events after the given id', async () => {
    const admin = await t.adminToken();
    const client = await connectAgent(url, admin);
    const reply = (await client.socket.emitWithAck('catch_up', { lastEventId: 0 })) as { events: unknown[] };
    expect(Array.isArray(reply.events)).toBe(true);
    client.close();
  });

  it('does not let an agent join a conversation room of an inbox they are not in', async () => {
    const agent = await t.createUser('agent');
    const client = await connectAgent(url, agent.token);
    const answer = (await client.socket.emitWithAck('conversation.join', { conversationId: '0193a0b2-0000-7000-8000-000000000000' })) as { ok: boolean };
    expect(answer.ok).toBe(false);
    client.close();
  });
});
