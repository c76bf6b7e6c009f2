/**
 * The BUILT proxy as a real process, the way an operator runs it: `node dist/bin/switchyard.js serve
 * --port P --config FILE`, with a clean environment (no key of this machine leaks in) and its stdout and
 * stderr written to a file, so a test can scan every byte it ever logged and read its memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@switchyard/testkit/ports';

export interface ProxyProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Where sessions, events and idempotency records live (the SQLite files). */
  readonly dataDir: string;
  /** The file holding everything the process wrote to stdout and stderr. */
  readonly logFile: string;
  /** Everything logged so far, raw. */
  logs(): Buffer;
  /** Resident memory in KiB (VmRSS of /proc/<pid>/status). */
  rssKiB(): number;
  /** True while the process has neither exited nor been killed. */
  alive(): boolean;
  /** SIGTERM, SIGKILL after 3 s; resolves once it exited. */
  stop(): Promise<void>;
  /** Deletes the config, log and data dir (after stop). */
  remove(): void;
}

export interface ProxyProcessOptions {
  /** The config file's content (written as JSON, which the loader reads as YAML). */
  readonly config: Record<string, unknown>;
  /** Extra environment variables (upstream keys via keysEnv, SWITCHYARD_* overrides). */
  readonly env?: Readonly<Record<string, string>>;
}

/** The built `switchyard` entry point of proxy-core (turbo builds proxy-core before test:security). */
export function builtProxyBin(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@switchyard/proxy-core/package.json'));
  const bin = join(packageDir, 'dist', 'bin', 'switchyard.js');
  if (!existsSync(bin)) {
    throw new Error(`${bin} is missing: run \`pnpm --filter @switchyard/proxy-core build\` (turbo does it)`);
  }
  return bin;
}

export function readRssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (match?.[1] === undefined) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

export async function startProxyProcess(options: ProxyProcessOptions): Promise<ProxyProcess> {
  const workDir = mkdtempSync(join(tmpdir(), 'sy-security-proc-'));
  const dataDir = join(workDir, 'data');
  const configFile = join(workDir, 'switchyard.json');
  const config = {
    ...options.config,
    controlPlane: { ...(options.config['controlPlane'] as object | undefined), dataDir },
  };
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const logFile = join(workDir, 'proxy.log');
  const logFd = openSync(logFile, 'a');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [builtProxyBin(), 'serve', '--port', String(port), '--config', configFile],
    {
      cwd: workDir,
      // Only what node needs: no OPENAI_API_KEY or SWITCHYARD_* of the machine running the lane.
      env: { PATH: process.env['PATH'] ?? '', HOME: workDir, ...options.env },
      stdio: ['ignore', logFd, logFd],
    },
  );
  closeSync(logFd);
  const exited = once(child, 'exit');
  const alive = () => child.exitCode === null && child.signalCode === null;
  const logs = () => readFileSync(logFile);
  const proxy: ProxyProcess = {
    url,
    pid: child.pid ?? -1,
    child,
    dataDir,
    logFile,
    logs,
    rssKiB: () => readRssKiB(child.pid ?? -1),
    alive,
    remove: () => rmSync(workDir, { recursive: true, force: true }),
    async stop() {
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`the proxy exited before it was ready:\n${logs().toString('utf8')}`);
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(500) });
      await response.body?.cancel();
      if (response.status === 200) return proxy;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  await proxy.stop();
  throw new Error(`the proxy was not ready at ${url}/readyz in time:\n${logs().toString('utf8')}`);
}
