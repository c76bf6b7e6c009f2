export { parseModelRef, qualifiedModelId, ModelRefError, type ModelRef } from './models/model-ref.ts';
export { runCli } from './cli.ts';
