/**
 * `switchyard serve`: load config, start, and shut down gracefully on SIGTERM/SIGINT — readiness goes
 * 503, in-flight model work is aborted by the model plane, connections close, exit code 0.
 */
import { loadConfig } from '../config/load.ts';
import type { SwitchyardConfigInput } from '../config/schema.ts';
import type { SwitchyardServer } from './build-server.ts';

export interface ServeOptions {
  readonly configFile?: string | undefined;
  readonly host?: string | undefined;
  readonly port?: number | undefined;
}

export interface ServeDependencies {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly err: NodeJS.WritableStream;
  readonly createServer: (config: SwitchyardConfigInput) => Promise<SwitchyardServer>;
  /** Resolves with the reason to stop; defaults to the first SIGTERM or SIGINT. */
  readonly stopSignal?: Promise<string>;
  /** Called once listening, with the base URL (tests use it to know the port). */
  readonly onListening?: (url: string) => void;
}

export function firstTerminationSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve(signal);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

/** Runs until stopped; returns the process exit code. Config errors propagate as ConfigError. */
export async function serve(options: ServeOptions, dependencies: ServeDependencies): Promise<number> {
  const server: Record<string, unknown> = {};
  if (options.host !== undefined) server['host'] = options.host;
  if (options.port !== undefined) server['port'] = options.port;
  const { config, warnings } = loadConfig({
    file: options.configFile,
    env: dependencies.env,
    overrides: { server },
  });
  for (const warning of warnings) dependencies.err.write(`switchyard: warning: ${warning}\n`);

  const running = await dependencies.createServer(config);
  const stopSignal = dependencies.stopSignal ?? firstTerminationSignal();
  try {
    const url = await running.listen();
    dependencies.onListening?.(url);
  } catch (error) {
    await running.close();
    const message = error instanceof Error ? error.message : String(error);
    dependencies.err.write(
      `switchyard: cannot listen on ${config.server.host}:${config.server.port}: ${message}\n`,
    );
    return 1;
  }
  const reason = await stopSignal;
  running.app.log.info({ reason }, 'shutting down');
  await running.close();
  return 0;
}
