import type { OutboundMessage } from '@channel-adapters/core';

/** One agent reply on its way to a visitor's open widgets. */
export interface WebchatDelivery {
  inboxId: string;
  /** The visitor's id, the contact identity's externalId in the web-chat inbox. */
  visitorId: string;
  message: OutboundMessage;
  sentAt: Date;
}

/**
 * Reaches the visitor's browser: the server implements it over the /webchat Socket.IO namespace
 * (through Redis from a process without sockets). A visitor with no open widget receives nothing
 * live and reads the reply from the history later, so delivering to nobody is not an error.
 */
export interface WebchatTransport {
  deliver(delivery: WebchatDelivery): Promise<void>;
}
