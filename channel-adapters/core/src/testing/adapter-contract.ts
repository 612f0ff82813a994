import { afterEach, describe, expect, it } from 'vitest';
import { channelTypes, type ChannelAdapter, type ChannelContext, type WebhookRequest } from '../channel-adapter.js';
import { ChannelError, WebhookAuthError, WebhookPayloadError, type ChannelErrorKind } from '../channel-errors.js';
import { inboundEventKinds, type OutboundMessage } from '../channel-events.js';
import { closedPortUrl } from './fake-http-server.js';

type Awaitable<T> = T | Promise<T>;

/** A channel endpoint that one send test talks to, usually a FakeHttpServer speaking the channel's wire format. */
export interface SendTarget {
  /** The context that points the adapter at this target. */
  context: ChannelContext;
  /** Asserts that the target received the contract's message in the channel's format. */
  expectSent(): Promise<void>;
  /**
   * Makes the target answer the next send with this HTTP status and headers, in the channel's own
   * error format (a channel that reports retry delays in its body should translate `retry-after`).
   */
  failWith(status: number, headers?: Record<string, string>): Awaitable<void>;
  close?(): Promise<void>;
}

export interface AdapterContractOptions {
  adapter: ChannelAdapter;
  /** The context for verify and parse. */
  context: ChannelContext;
  /** A correctly signed request carrying at least one event. */
  validRequest(): Awaitable<WebhookRequest>;
  /** The valid request with its body changed after signing. */
  tamperedRequest(): Awaitable<WebhookRequest>;
  /** The valid request without its signature or secret. */
  unsignedRequest(): Awaitable<WebhookRequest>;
  /** A correctly signed request whose payload the adapter must reject. */
  malformedRequest(): Awaitable<WebhookRequest>;
  sendTarget(): Promise<SendTarget>;
  /** The context that points the adapter at `url`, where nothing listens. */
  unreachableContext(url: string): Awaitable<ChannelContext>;
  /** The message the send tests deliver; a plain text message by default. */
  outboundMessage?: OutboundMessage;
}

const defaultMessage: OutboundMessage = {
  messageId: '01900000-0000-7000-8000-000000000001',
  conversationId: '01900000-0000-7000-8000-000000000002',
  contact: { externalId: 'contract-contact-1', name: 'Contract Contact' },
  text: 'Здравствуйте! Your order is on its way 🚚',
};

/** Awaits a rejected promise and returns its error, failing the test when it resolves. */
export async function caughtError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it succeeded');
}

/** Asserts that the call fails with a ChannelError of this kind, and returns that error. */
export async function expectChannelError(promise: Promise<unknown>, kind: ChannelErrorKind): Promise<ChannelError> {
  const error = await caughtError(promise);
  expect(error).toBeInstanceOf(ChannelError);
  expect((error as ChannelError).kind, (error as ChannelError).reason).toBe(kind);
  expect((error as ChannelError).reason).not.toBe('');
  return error as ChannelError;
}

/**
 * The behaviour every channel adapter owes the core: webhook authentication, stable event ids,
 * typed payload errors and a typed mapping of delivery failures. Call it at the top level of the
 * adapter's spec; add the channel's own tests beside it.
 */
export function describeAdapterContract(name: string, options: AdapterContractOptions): void {
  const { adapter, context } = options;
  const message = options.outboundMessage ?? defaultMessage;

  describe(`${name} adapter contract`, () => {
    describe('webhooks', () => {
      it('accepts a correctly signed request', async () => {
        await expect(adapter.verify(await options.validRequest(), context)).resolves.toBeUndefined();
      });

      it('rejects an unsigned request with WebhookAuthError', async () => {
        expect(await caughtError(adapter.verify(await options.unsignedRequest(), context))).toBeInstanceOf(WebhookAuthError);
      });

      it('rejects a request changed after signing with WebhookAuthError', async () => {
        expect(await caughtError(adapter.verify(await options.tamperedRequest(), context))).toBeInstanceOf(WebhookAuthError);
      });

      it('parses a valid request into known events that each have an externalId', async () => {
        const { events } = await adapter.parse(await options.validRequest(), context);
        expect(events.length).toBeGreaterThanOrEqual(1);
        for (const event of events) {
          expect(inboundEventKinds).toContain(event.kind);
          expect(typeof event.externalId).toBe('string');
          expect(event.externalId.trim()).not.toBe('');
        }
      });

      it('gives the same externalIds when the same request is parsed twice', async () => {
        const ids = async () => (await adapter.parse(await options.validRequest(), context)).events.map((e) => `${e.kind}:${e.externalId}`);
        expect(await ids()).toEqual(await ids());
      });

      it('rejects a malformed payload with WebhookPayloadError', async () => {
        const error = await caughtError(adapter.parse(await options.malformedRequest(), context));
        expect(error).toBeInstanceOf(WebhookPayloadError);
        expect((error as WebhookPayloadError).reason).not.toBe('');
      });
    });

    it('declares its type and sane capabilities', () => {
      expect(channelTypes).toContain(adapter.type);
      const { capabilities } = adapter;
      expect(Number.isInteger(capabilities.maxTextLength)).toBe(true);
      expect(capabilities.maxTextLength).toBeGreaterThan(0);
      for (const kind of capabilities.media) expect(['image', 'video', 'audio', 'file']).toContain(kind);
      for (const flag of [capabilities.buttons, capabilities.edits, capabilities.replies, capabilities.typing]) expect(typeof flag).toBe('boolean');
    });

    describe('send', () => {
      let target: SendTarget | undefined;
      const openTarget = async () => (target = await options.sendTarget());
      afterEach(async () => {
        await target?.close?.();
        target = undefined;
      });

      it('delivers a message and returns its externalId', async () => {
        const { context: sendContext, expectSent } = await openTarget();
        const result = await adapter.send(message, sendContext);
        expect(typeof result.externalId).toBe('string');
        expect(result.externalId).not.toBe('');
        await expectSent();
      });

      it('reports rate_limited with the delay when the channel answers 429 with Retry-After', async () => {
        const opened = await openTarget();
        await opened.failWith(429, { 'retry-after': '7' });
        const error = await expectChannelError(adapter.send(message, opened.context), 'rate_limited');
        expect(error.retryAfterMs).toBe(7000);
      });

      it('reports retryable when the channel answers 500', async () => {
        const opened = await openTarget();
        await opened.failWith(500);
        await expectChannelError(adapter.send(message, opened.context), 'retryable');
      });

      it('reports permanent when the channel answers 400', async () => {
        const opened = await openTarget();
        await opened.failWith(400);
        await expectChannelError(adapter.send(message, opened.context), 'permanent');
      });

      it('reports retryable when the channel cannot be reached', async () => {
        const unreachable = await options.unreachableContext(await closedPortUrl());
        await expectChannelError(adapter.send(message, unreachable), 'retryable');
      });
    });
  });
}
