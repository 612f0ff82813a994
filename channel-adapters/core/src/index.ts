export {
  channelTypes,
  type ChannelAdapter,
  type ChannelCapabilities,
  type ChannelContext,
  type ChannelMediaKind,
  type ChannelRateLimit,
  type ChannelType,
  type ConnectContext,
  type ConnectResult,
  type DownloadedFile,
  type ParseResult,
  type PollResult,
  type WebhookRequest,
} from './channel-adapter.js';
export {
  inboundEventKinds,
  type CallPhase,
  type DeliveryStatus,
  type InboundAttachment,
  type InboundButtonEvent,
  type InboundCallEvent,
  type InboundCallRecordingEvent,
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
export {
  AttachmentTooLargeError,
  ChannelConfigError,
  ChannelError,
  WebhookAuthError,
  WebhookPayloadError,
  type ChannelConfigErrorOptions,
  type ChannelErrorKind,
  type ChannelErrorOptions,
  type PayloadIssue,
} from './channel-errors.js';
export {
  DEFAULT_DELIVERY_TIMEOUT_MS,
  DEFAULT_RETRY_AFTER_MS,
  channelErrorFromFetchFailure,
  channelErrorFromResponse,
  deliverHttp,
  parseRetryAfterMs,
  type DeliveryRequest,
} from './http-delivery.js';
export { DEFAULT_PHONE_REGION, toE164 } from './phone.util.js';
export { downloadPublicFile, type PublicDownloadOptions } from './public-download.js';
export {
  UrlNotAllowedError,
  assertPublicHttpUrl,
  hostMatches,
  isNonPublicAddress,
  type CheckedUrl,
  type HostResolver,
  type PublicUrlOptions,
} from './public-url.js';
export { hmacSha256Hex, timingSafeEqualStrings } from './signature.util.js';
export { degradeButtonsToText, splitText } from './text.util.js';
export { readJsonBody } from './webhook-body.js';
