/**
 * Hostile-input burst against the built proxy (issue 11): starts `dist/bin/switchyard.js serve` in its own
 * process, sends bodies that used to stall the event loop, and reports what it costs the server.
 *
 *   node packages/proxy-core/scripts/hostile-burst.ts [--items 200000] [--burst 20] [--rounds 3] [--idle 5000]
 *        [--max-array-length N]   (raise server.limits.maxArrayLength so the decoders, not the limit, answer)
 *
 * Reports (never asserts; wall-clock belongs in reports, not tests):
 *   - answer time of one `input: [{}, … items]` body on /v1/responses (and chat, messages);
 *   - /healthz latency while four such bodies are in flight;
 *   - server RSS at start, before and right after a burst of `--burst` bodies, after a few idle seconds, and
 *     after a full GC (the server runs with --expose-gc and collects on SIGUSR2).
 * Run `pnpm --filter @switchyard/proxy-core build` first.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '200000' },
    burst: { type: 'string', default: '20' },
    idle: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '3' },
    'max-array-length': { type: 'string' },
  },
});
const items = Number(values.items);
const burst = Number(values.burst);
const idleMs = Number(values.idle);
const rounds = Number(values.rounds);

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN');
  return Math.round(kb / 1024);
}

const emptyItems = (count: number): string => `[${new Array<string>(count).fill('{}').join(',')}]`;
const bodies = {
  responses: { path: '/v1/responses', body: `{"model":"mock-small","input":${emptyItems(items)}}` },
  chat: { path: '/v1/chat/completions', body: `{"model":"mock-small","messages":${emptyItems(items)}}` },
  messages: {
    path: '/v1/messages',
    body: `{"model":"mock-small","max_tokens":16,"messages":${emptyItems(items)}}`,
  },
};

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: Math.round(performance.now() - started), value };
}

async function main(): Promise<void> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-burst-'));
  const entry = new URL('../dist/bin/switchyard.js', import.meta.url).pathname;
  // Only this run's settings: the caller's SWITCHYARD_* variables (or a bootstrap's) are not config.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('SWITCHYARD_')),
  );
  const maxArrayLength = values['max-array-length'];
  // SIGUSR2 makes the server run a full GC, so "after" separates garbage not yet collected from memory kept.
  const gcOnSignal =
    'data:text/javascript,process.on("SIGUSR2",()=>{globalThis.gc();const m=process.memoryUsage();' +
    'const mb=(n)=>Math.round(n/1048576);process.stderr.write(`server after GC: heapUsed ${mb(m.heapUsed)} MB, ' +
    'heapTotal ${mb(m.heapTotal)} MB, external ${mb(m.external)} MB, arrayBuffers ${mb(m.arrayBuffers)} MB\\n`)})';
  const nodeFlags = ['--expose-gc', '--import', gcOnSignal];
  const child = spawn(process.execPath, [...nodeFlags, entry, 'serve', '--port', String(port)], {
    env: {
      ...env,
      SWITCHYARD_DATA_DIR: dataDir,
      SWITCHYARD_LOG_LEVEL: 'error',
      ...(maxArrayLength === undefined ? {} : { SWITCHYARD_MAX_ARRAY_LENGTH: maxArrayLength }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const post = async (path: string, body: string): Promise<number> => {
    const response = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  };
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        if (attempt > 100) throw new Error('server did not start');
      }
      await sleep(100);
    }
    const pid = child.pid ?? 0;
    console.log(`items per body: ${items} (${Math.round(bodies.responses.body.length / 1024)} KiB)`);
    console.log(`RSS at start: ${rssMb(pid)} MB`);

    for (const [name, { path, body }] of Object.entries(bodies)) {
      const { ms, value } = await timed(() => post(path, body));
      console.log(`${name}: one body answered ${value} in ${ms} ms; RSS ${rssMb(pid)} MB`);
    }

    const inFlight = Array.from({ length: 4 }, () => post(bodies.responses.path, bodies.responses.body));
    const health = await timed(() => fetch(`${base}/healthz`).then((response) => response.status));
    const statuses = await Promise.all(inFlight);
    console.log(`/healthz with 4 bodies in flight: ${health.ms} ms (answers ${statuses.join(',')})`);

    // Several rounds: memory that is reused stays flat from round to round; a leak grows with each one.
    for (let round = 1; round <= rounds; round += 1) {
      const before = rssMb(pid);
      const all = await timed(() =>
        Promise.all(Array.from({ length: burst }, () => post(bodies.responses.path, bodies.responses.body))),
      );
      const after = rssMb(pid);
      await sleep(idleMs);
      const idle = rssMb(pid);
      child.kill('SIGUSR2');
      await sleep(1_000);
      console.log(
        `round ${round}: burst of ${burst} concurrent bodies in ${all.ms} ms; RSS before ${before} MB, ` +
          `after ${after} MB, after ${idleMs} ms idle ${idle} MB, after a full GC ${rssMb(pid)} MB`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
