export {
  ApiChannelAdapter,
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  TIMESTAMP_TOLERANCE_SECONDS,
  signatureFor,
  type ApiCallbackPayload,
  type ApiChannelAdapterOptions,
} from './api.adapter.js';
export { apiWebhookSchema, type ApiWebhookBody } from './api-webhook.schema.js';
export { type ApiChannelSettings } from './api.settings.js';
