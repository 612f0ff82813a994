export {
  channelTypes,
  type ChannelAdapter,
  type ChannelCapabilities,
  type ChannelContext,
  type ChannelMediaKind,
  type ChannelType,
  type ParseResult,
  type WebhookRequest,
} from './channel-adapter.js';
export {
  inboundEventKinds,
  type DeliveryStatus,
  type InboundAttachment,
  type InboundButtonEvent,
  type InboundCallEvent,
  type InboundContact,
  type InboundContactInfoEvent,
  type InboundEvent,
  type InboundEventKind,
  type InboundMessageEditedEvent,
  type InboundMessageEvent,
  type InboundStatusEvent,
  type InboundUnsupportedEvent,
  type OutboundAttachment,
  type OutboundButton,
  type OutboundMessage,
  type SendResult,
} from './channel-events.js';
export { ChannelError, WebhookAuthError, WebhookPayloadError, type ChannelErrorKind, type PayloadIssue } from './channel-errors.js';
export {
  DEFAULT_DELIVERY_TIMEOUT_MS,
  DEFAULT_RETRY_AFTER_MS,
  channelErrorFromFetchFailure,
  channelErrorFromResponse,
  deliverHttp,
  parseRetryAfterMs,
  type DeliveryRequest,
} from './http-delivery.js';
export { hmacSha256Hex, timingSafeEqualStrings } from './signature.util.js';
export { degradeButtonsToText, splitText } from './text.util.js';
export { readJsonBody } from './webhook-body.js';
