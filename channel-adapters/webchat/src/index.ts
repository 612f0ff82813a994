export { WebchatChannelAdapter, WEBCHAT_MAX_TEXT_LENGTH } from './webchat.adapter.js';
export type { WebchatDelivery, WebchatTransport } from './webchat-transport.js';
