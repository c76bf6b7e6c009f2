/**
 * A throwaway redis-server for tests: Debian's binary (REDIS_SERVER_BIN, set by scripts/bootstrap.sh) on a
 * free loopback port, with its files in a temporary directory, stopped and removed after. Without the
 * binary, `requireTool` throws the "not run" error with the install command.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './ports.ts';
import { requireTool } from './tools.ts';

export interface RedisServerOptions {
  /** Append-only file on (every write fsynced), so a restart keeps every acknowledged write. Default off. */
  readonly appendOnly?: boolean;
}

export interface RunningRedis {
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM, then SIGKILL) and keeps its directory, so `start` brings the data back. */
  stop(): Promise<void>;
  /** Starts it again on the same port and directory after `stop`. */
  start(): Promise<void>;
  /** Stops it for good and deletes its directory. */
  dispose(): Promise<void>;
}

/** Sends PING on a fresh connection; true on +PONG. */
async function pings(port: number): Promise<boolean> {
  return await new Promise((resolvePing) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolvePing(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk: Buffer) => done(chunk.toString().startsWith('+PONG')));
  });
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RunningRedis> {
  const binary = requireTool('redis-server');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sy-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--daemonize',
    'no',
  ];
  args.push(
    ...(options.appendOnly === true
      ? ['--appendonly', 'yes', '--appendfsync', 'always']
      : ['--appendonly', 'no']),
  );
  let child: ChildProcess | undefined;
  let output = '';

  const start = async (): Promise<void> => {
    const started = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000)));
    started.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000)));
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (started.exitCode !== null)
        throw new Error(`redis-server exited with ${started.exitCode}:\n${output}`);
      if (await pings(port)) return;
      await sleep(25);
    }
    started.kill('SIGKILL');
    throw new Error(`redis-server did not answer PING on port ${port} within 10 s:\n${output}`);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
