export {
  configSchema,
  DEFAULT_HOST,
  DEFAULT_PORT,
  type ClientKey,
  type SwitchyardConfig,
  type SwitchyardConfigInput,
} from './schema.ts';
export {
  loadConfig,
  readConfigFile,
  validateConfig,
  type LoadConfigOptions,
  type LoadedConfig,
} from './load.ts';
export { ConfigError } from './config-error.ts';
export { ENV_OVERRIDES } from './env-overrides.ts';
export { isLoopbackHost } from './loopback.ts';
