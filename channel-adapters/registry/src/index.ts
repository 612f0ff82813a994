export { createChannelRegistry, type ChannelAdapters, type ChannelPorts, type ChannelRegistry } from './channel-registry.js';
