export { configSchema, type AppConfig } from './config.schema.js';
export { loadConfig, ConfigError } from './load-config.js';
export { ConfigModule, APP_CONFIG } from './config.module.js';
export { resolveAppSecret } from './app-secret.js';
