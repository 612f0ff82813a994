export { createChannelRegistry, type ChannelAdapters, type ChannelRegistry } from './channel-registry.js';
