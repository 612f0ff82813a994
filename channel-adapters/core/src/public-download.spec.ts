import { afterEach, describe, expect, it } from 'vitest';
import { AttachmentTooLargeError, ChannelError } from './channel-errors.js';
import { downloadPublicFile } from './public-download.js';
import { UrlNotAllowedError } from './public-url.js';
import { caughtError } from './testing/adapter-contract.js';
import { startFakeHttpServer, type FakeHttpServer } from './testing/fake-http-server.js';

describe('downloadPublicFile', () => {
  let server: FakeHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('refuses a loopback server unless private addresses are allowed', async () => {
    server = await startFakeHttpServer(() => ({ status: 200, body: 'RIFF' }));
    expect(await caughtError(downloadPublicFile(`${server.url}/rec.wav`, { maxBytes: 100 }))).toBeInstanceOf(UrlNotAllowedError);
    expect(server.requests).toHaveLength(0);
  });

  it('answers the bytes, type and name with the headers sent', async () => {
    server = await startFakeHttpServer(() => ({ status: 200, headers: { 'content-type': 'audio/mpeg', 'content-disposition': 'attachment; filename="call-42.mp3"' }, body: 'ID3-audio' }));
    const file = await downloadPublicFile(`${server.url}/records/42`, { maxBytes: 100, allowPrivate: true, headers: { authorization: 'Basic abc' } });
    expect(file).toEqual({ data: Buffer.from('ID3-audio'), contentType: 'audio/mpeg', fileName: 'call-42.mp3' });
    expect(server.requests[0].headers.authorization).toBe('Basic abc');
  });

  it('follows a redirect and checks the new host against the allow-list', async () => {
    server = await startFakeHttpServer((request) =>
      request.path === '/start' ? { status: 302, headers: { location: 'http://localhost:1/elsewhere' } } : { status: 200, body: 'x' },
    );
    const error = await caughtError(downloadPublicFile(`${server.url}/start`, { maxBytes: 100, allowPrivate: true, allowHosts: ['127.0.0.1'] }));
    expect(error).toBeInstanceOf(UrlNotAllowedError);
    expect((error as UrlNotAllowedError).reason).toContain('localhost');
  });

  it('drops credentials when a redirect leaves the host', async () => {
    const other = await startFakeHttpServer(() => ({ status: 200, body: 'audio' }));
    server = await startFakeHttpServer(() => ({ status: 307, headers: { location: `${other.url}/signed` } }));
    try {
      const file = await downloadPublicFile(`${server.url}/start`, { maxBytes: 100, allowPrivate: true, headers: { authorization: 'Basic secret' } });
      expect(file.data.toString()).toBe('audio');
      expect(server.requests[0].headers.authorization).toBe('Basic secret');
      expect(other.requests[0].headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('refuses a file larger than maxBytes', async () => {
    server = await startFakeHttpServer(() => ({ status: 200, body: 'x'.repeat(50) }));
    expect(await caughtError(downloadPublicFile(server.url, { maxBytes: 10, allowPrivate: true }))).toBeInstanceOf(AttachmentTooLargeError);
  });

  it('reports 404 as permanent and 503 as retryable', async () => {
    server = await startFakeHttpServer();
    server.respondNext({ status: 404 });
    server.respondNext({ status: 503 });
    const missing = await caughtError(downloadPublicFile(server.url, { maxBytes: 10, allowPrivate: true }));
    const down = await caughtError(downloadPublicFile(server.url, { maxBytes: 10, allowPrivate: true }));
    expect(missing).toMatchObject({ kind: 'permanent' });
    expect(down).toBeInstanceOf(ChannelError);
    expect(down).toMatchObject({ kind: 'retryable' });
  });
});
