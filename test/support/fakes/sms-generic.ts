import { createHmac } from 'node:crypto';
import { startFakeHttpServer, type FakeHttpServer } from '@channel-adapters/core/testing';

/** A company's own SMS gateway: takes signed JSON, answers its id for the SMS. */

export const signGenericBody = (secret: string, body: string | Buffer) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export interface GenericGatewayRequest {
  body: Record<string, unknown>;
  /** Whether the X-Signature header matched the bytes with the gateway's secret. */
  signedCorrectly: boolean;
}

export interface FakeSmsGateway {
  url: string;
  server: FakeHttpServer;
  received: GenericGatewayRequest[];
  close(): Promise<void>;
}

/** `secret` may be a function for a gateway started before the inbox (and its generated secret) exists. */
export async function startFakeSmsGateway(secret: string | (() => string), signatureHeader = 'x-signature'): Promise<FakeSmsGateway> {
  const received: GenericGatewayRequest[] = [];
  const secretOf = typeof secret === 'function' ? secret : () => secret;
  const server = await startFakeHttpServer((request) => {
    const signedCorrectly = request.headers[signatureHeader] === signGenericBody(secretOf(), request.body);
    received.push({ body: JSON.parse(request.body.toString('utf8')), signedCorrectly });
    if (!signedCorrectly) return { status: 401, body: { error: 'bad signature' } };
    return { status: 200, body: { id: `gw-${received.length}`, accepted: true } };
  });
  return { url: server.url, server, received, close: () => server.close() };
}
