/**
 * The public entry point: a server on the real model plane. Tests that only exercise the shell use
 * `buildServer` with a fake model plane instead.
 */
import type { DestinationStream } from 'pino';
import type { SwitchyardConfigInput } from '../config/schema.ts';
import { createModelPlane } from '../model-plane/index.ts';
import { buildServer, type SwitchyardServer } from './build-server.ts';

export interface CreateServerOptions {
  /** Where log lines go; stdout when absent. */
  readonly logDestination?: DestinationStream;
}

export function createServer(
  config: SwitchyardConfigInput = {},
  options: CreateServerOptions = {},
): Promise<SwitchyardServer> {
  return buildServer(config, { createModelPlane, logDestination: options.logDestination });
}
