import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_AFTER_MS, deliverHttp, parseRetryAfterMs } from './http-delivery.js';
import { expectChannelError } from './testing/adapter-contract.js';
import { NO_ANSWER, closedPortUrl, startFakeHttpServer, type FakeHttpServer } from './testing/fake-http-server.js';

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfterMs('120', now)).toBe(120_000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until then', () => {
    expect(parseRetryAfterMs('Sat, 01 Mar 2025 12:00:45 GMT', now)).toBe(45_000);
  });

  it('answers zero for a date in the past and nothing for garbage', () => {
    expect(parseRetryAfterMs('Sat, 01 Mar 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe('deliverHttp', () => {
  let server: FakeHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const deliver = (url: string, timeoutMs?: number) => deliverHttp({ target: 'The test endpoint', url, body: 'x', timeoutMs });

  it('returns the response when the endpoint answers 2xx', async () => {
    server = await startFakeHttpServer(() => ({ status: 201, body: { id: 'a1' } }));
    const response = await deliver(server.url);
    expect(await response.json()).toEqual({ id: 'a1' });
    expect(server.requests[0]).toMatchObject({ method: 'POST', body: Buffer.from('x') });
  });

  it('waits the default delay when a 429 has no Retry-After', async () => {
    server = await startFakeHttpServer(() => ({ status: 429 }));
    const error = await expectChannelError(deliver(server.url), 'rate_limited');
    expect(error.retryAfterMs).toBe(DEFAULT_RETRY_AFTER_MS);
  });

  it('retries a 408 and puts the status and the answer into the reason of a permanent 4xx', async () => {
    server = await startFakeHttpServer(() => ({ status: 408 }));
    await expectChannelError(deliver(server.url), 'retryable');
    server.respondNext({ status: 422, body: 'chat not found' });
    const error = await expectChannelError(deliver(server.url), 'permanent');
    expect(error.reason).toContain('422');
    expect(error.reason).toContain('chat not found');
  });

  it('does not follow a redirect and reports it as permanent', async () => {
    server = await startFakeHttpServer(() => ({ status: 307, headers: { location: 'http://127.0.0.1:1/elsewhere' } }));
    const error = await expectChannelError(deliver(server.url), 'permanent');
    expect(error.reason).toContain('redirect to http://127.0.0.1:1/elsewhere');
    expect(server.requests).toHaveLength(1);
  });

  it('reports retryable when the endpoint does not answer in time', async () => {
    server = await startFakeHttpServer(() => NO_ANSWER);
    const error = await expectChannelError(deliver(server.url, 100), 'retryable');
    expect(error.reason).toContain('did not answer in time');
  });

  it('reports retryable with the network cause when nothing listens', async () => {
    const error = await expectChannelError(deliver(await closedPortUrl()), 'retryable');
    expect(error.reason).toContain('ECONNREFUSED');
  });
});
