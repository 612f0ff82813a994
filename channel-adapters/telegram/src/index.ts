export {
  SECRET_TOKEN_HEADER,
  TELEGRAM_MAX_DOWNLOAD_BYTES,
  TELEGRAM_RATE_LIMITS,
  TelegramChannelAdapter,
  type TelegramChannelAdapterOptions,
} from './telegram.adapter.js';
export { DEFAULT_API_ROOT, type TelegramChannelSettings, type TelegramMode } from './telegram.settings.js';
export { ALLOWED_UPDATES } from './telegram-updates.js';
