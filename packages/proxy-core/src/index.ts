export { parseModelRef, qualifiedModelId, ModelRefError, type ModelRef } from './models/model-ref.ts';
export { runCli, type CliIo } from './cli.ts';
export { createServer, type CreateServerOptions } from './server/create-server.ts';
export { buildServer, type ServerDependencies, type SwitchyardServer } from './server/build-server.ts';
export {
  ConfigError,
  configSchema,
  loadConfig,
  validateConfig,
  type SwitchyardConfig,
  type SwitchyardConfigInput,
} from './config/index.ts';
