/**
 * The measured topology, three kinds of process on loopback:
 *
 *   load generator (CPU 0) ──► lean upstream (CPU 0)                      the direct baseline
 *   load generator (CPU 0) ──► built proxy `switchyard serve` (CPU 1) ──► lean upstream (CPU 0)
 *
 * The proxy is the built binary an operator runs, logs at warn, with one OpenAI provider pointed at the
 * lean upstream and no retries (a retry would hide a failed call inside a slower success).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { builtProxyBin } from '@switchyard/testkit/built-proxy';
import { freePort } from '@switchyard/testkit/ports';
import { startService, type RunningService } from '@switchyard/testkit/processes';
import { pinnedCommand, type Pinning } from './pinning.ts';

/** Where a load generator sends traffic: base URL (`…/v1`), credentials and the model name to ask for. */
export interface Target {
  readonly name: string;
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly model: string;
  /** The gateway's process id (for its CPU time); undefined for the upstream hit directly. */
  readonly pid?: number | undefined;
  /** The status every request must get (200 unless a scenario measures a refusal, e.g. 401). */
  readonly expectStatus?: number;
}

export interface Topology {
  /** The lean upstream's port and the key the gateways present to it (peers are pointed at it too). */
  readonly upstream: { readonly port: number; readonly key: string };
  readonly direct: Target;
  readonly proxy: Target;
  readonly proxyPid: number;
  /** The proxy's event-loop probe output (JSON lines). */
  readonly probeFile: string;
  close(): Promise<void>;
}

export interface StreamShape {
  readonly deltas: number;
  readonly intervalMs: number;
}

/** The model both paths ask for; the proxy routes `openai/<model>` to the lean upstream. */
export const MODEL = 'gpt-4o-mini';

/** A key that exists only for this run (built at run time, so no fixed secret-like string is in source). */
function runKey(role: string): string {
  return ['perf', role, 'key', Date.now().toString(36)].join('-');
}

async function startUpstream(
  pinning: Pinning,
  shape: StreamShape,
): Promise<{ child: ChildProcess; port: number }> {
  const [command, args] = pinnedCommand(pinning.load, process.execPath, [
    join(import.meta.dirname, '..', 'upstream', 'main.ts'),
    String(shape.deltas),
    String(shape.intervalMs),
  ]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`lean upstream exited ${code} before listening`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
  });
  return { child, port };
}

async function startProxy(
  pinning: Pinning,
  dir: string,
  upstreamPort: number,
  keys: { client: string; upstream: string },
): Promise<{ service: RunningService; url: string; probeFile: string }> {
  const configFile = join(dir, 'switchyard.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      logging: { level: 'warn' },
      auth: { keys: [{ id: 'perf', key: keys.client }] },
      controlPlane: { dataDir: join(dir, 'data') },
      modelPlane: {
        providers: {
          openai: { enabled: true, keys: [keys.upstream], baseUrl: `http://127.0.0.1:${upstreamPort}/v1` },
        },
        retries: { maxRetries: 0 },
      },
    }),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const probeFile = join(dir, 'event-loop.jsonl');
  const [command, args] = pinnedCommand(pinning.proxy, process.execPath, [
    '--import',
    join(import.meta.dirname, 'event-loop-probe.ts'),
    builtProxyBin(),
    'serve',
    '--port',
    String(port),
    '--config',
    configFile,
  ]);
  const service = await startService({
    command,
    args,
    readyUrl: `${url}/readyz`,
    env: { ...process.env, SY_PERF_PROBE_FILE: probeFile },
  });
  return { service, url, probeFile };
}

export async function startTopology(pinning: Pinning, shape: StreamShape): Promise<Topology> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-perf-'));
  const keys = { client: runKey('client'), upstream: runKey('upstream') };
  const upstream = await startUpstream(pinning, shape);
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  try {
    proxy = await startProxy(pinning, dir, upstream.port, keys);
  } catch (error) {
    upstream.child.kill('SIGKILL');
    throw error;
  }
  return {
    upstream: { port: upstream.port, key: keys.upstream },
    direct: {
      name: 'direct',
      baseUrl: `http://127.0.0.1:${upstream.port}/v1`,
      headers: { authorization: `Bearer ${keys.upstream}`, 'content-type': 'application/json' },
      model: MODEL,
    },
    proxy: {
      name: 'switchyard',
      baseUrl: `${proxy.url}/v1`,
      headers: { authorization: `Bearer ${keys.client}`, 'content-type': 'application/json' },
      model: `openai/${MODEL}`,
      pid: proxy.service.child.pid,
    },
    proxyPid: proxy.service.child.pid ?? 0,
    probeFile: proxy.probeFile,
    async close() {
      await proxy.service.stop();
      upstream.child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
