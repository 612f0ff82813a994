export { VK_RATE_LIMITS, VkChannelAdapter, type VkChannelAdapterOptions } from './vk.adapter.js';
export { MESSAGES_DENIED_FLAG, VK_REASON_KEYS } from './vk-errors.js';
export { randomIdOf } from './vk-outbound.js';
export { DEFAULT_API_BASE_URL, VK_API_VERSION, type VkChannelSettings, type VkMode } from './vk.settings.js';
