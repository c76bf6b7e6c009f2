/**
 * The `switchyard` command line. Exit codes: 0 success, 1 invalid configuration or failed start,
 * 2 usage errors.
 */
import { StoreError } from './store/errors.ts';
import { describeStore } from './store/open-store.ts';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { ConfigError } from './config/config-error.ts';
import { loadConfig } from './config/load.ts';
import type { SwitchyardConfigInput } from './config/schema.ts';
import type { SwitchyardServer } from './server/build-server.ts';
import { serve } from './server/serve.ts';
import { packageInfo } from './version.ts';

const USAGE = `Usage: switchyard <command> [options]

Commands:
  serve [--config FILE] [--host H] [--port N]
                      start the proxy (defaults: 127.0.0.1:8317, built-in mock provider);
                      without --config, SWITCHYARD_CONFIG names the file if set
  config check FILE   validate FILE plus SWITCHYARD_* overrides and exit
  --version           print the version
  --help              print this help

Configuration keys and SWITCHYARD_* variables: packages/proxy-core/docs/shell.md
`;

export interface CliIo {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Builds the server for `serve`; injected so the CLI stays testable without the model plane. */
  readonly createServer: (config: SwitchyardConfigInput) => Promise<SwitchyardServer>;
  readonly stopSignal?: Promise<string>;
  readonly onListening?: (url: string) => void;
}

class UsageError extends Error {}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === '--version' || command === '-v') {
      io.out.write(`${packageInfo.name} ${packageInfo.version}\n`);
      return 0;
    }
    if (command === undefined || command === '--help' || command === '-h') {
      io.out.write(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === 'serve') return await runServe(rest, io);
    if (command === 'config' && rest[0] === 'check') return runConfigCheck(rest.slice(1), io);
    throw new UsageError(`unknown command "${argv.join(' ')}"`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err.write(`switchyard: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.err.write(`switchyard: ${error.message}\n`);
      return 1;
    }
    // The configured store cannot be reached at startup (e.g. Redis is down): say so, without a stack trace.
    if (error instanceof StoreError && error.code === 'store_unavailable') {
      io.err.write(`switchyard: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function parseOrUsage(args: readonly string[], options: ParseArgsOptionsConfig) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function runServe(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOrUsage(args, {
    config: { type: 'string', short: 'c' },
    host: { type: 'string' },
    port: { type: 'string', short: 'p' },
  });
  if (positionals.length > 0)
    throw new UsageError(`serve takes no arguments (got "${positionals.join(' ')}")`);
  const port = values['port'];
  if (typeof port === 'string' && !/^\d+$/.test(port)) {
    throw new UsageError(`--port must be a number between 0 and 65535 (got "${port}")`);
  }
  const config = values['config'];
  const host = values['host'];
  return serve(
    {
      configFile: typeof config === 'string' ? config : io.env['SWITCHYARD_CONFIG'],
      host: typeof host === 'string' ? host : undefined,
      port: typeof port === 'string' ? Number(port) : undefined,
    },
    {
      env: io.env,
      err: io.err,
      createServer: io.createServer,
      ...(io.stopSignal === undefined ? {} : { stopSignal: io.stopSignal }),
      ...(io.onListening === undefined ? {} : { onListening: io.onListening }),
    },
  );
}

function runConfigCheck(args: readonly string[], io: CliIo): number {
  const { positionals } = parseOrUsage(args, {});
  const [file] = positionals;
  if (file === undefined || positionals.length > 1)
    throw new UsageError('config check takes exactly one FILE');
  const { config, warnings } = loadConfig({ file, env: io.env });
  for (const warning of warnings) io.err.write(`switchyard: warning: ${warning}\n`);
  const keys = config.auth.keys.length;
  io.out.write(
    `${file}: ok (listens on ${config.server.host}:${config.server.port}; ` +
      `${keys === 0 ? 'no client keys, loopback only' : `${keys} client key${keys === 1 ? '' : 's'}`}; ` +
      `control-plane store: ${describeStore(config.controlPlane.store, config.controlPlane.dataDir)})\n`,
  );
  return 0;
}
