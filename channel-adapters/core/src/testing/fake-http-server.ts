import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path with query string, e.g. `/bot123/sendMessage?x=1`. */
  path: string;
  /** Lower-case names, as Node reports them. */
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string or a Buffer is sent as is; anything else as JSON. */
  body?: unknown;
}

/** Keeps the request open without answering, to exercise the caller's timeout. */
export const NO_ANSWER = 'no-answer' as const;

export type FakeResponder = (request: RecordedRequest) => FakeResponse | typeof NO_ANSWER;

export interface FakeHttpServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Answers the next request with this response instead of the responder's; queued in order. */
  respondNext(response: FakeResponse | typeof NO_ANSWER): void;
  close(): Promise<void>;
}

const answerOk: FakeResponder = () => ({ status: 200, body: {} });

/**
 * A real HTTP server on 127.0.0.1 standing in for a channel's API: it records what adapters send
 * and answers as told, so adapter tests exercise real sockets, headers and bytes.
 */
export async function startFakeHttpServer(respond: FakeResponder = answerOk): Promise<FakeHttpServer> {
  const requests: RecordedRequest[] = [];
  const queued: Array<FakeResponse | typeof NO_ANSWER> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(recorded);
      const response = queued.shift() ?? respond(recorded);
      if (response !== NO_ANSWER) writeResponse(res, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondNext: (response) => void queued.push(response),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function writeResponse(res: ServerResponse, response: FakeResponse): void {
  if (Buffer.isBuffer(response.body)) {
    res.writeHead(response.status, { 'content-type': 'application/octet-stream', ...response.headers });
    res.end(response.body);
    return;
  }
  const isText = typeof response.body === 'string' || response.body === undefined;
  const body = isText ? ((response.body as string | undefined) ?? '') : JSON.stringify(response.body);
  const contentType = isText ? 'text/plain; charset=utf-8' : 'application/json';
  res.writeHead(response.status, { 'content-type': contentType, ...response.headers });
  res.end(body);
}

/** A URL on which nothing listens: the port was just opened and closed again. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
