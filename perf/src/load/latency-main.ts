/**
 * Load generator for added latency at concurrency 1: sequential non-streamed POSTs over one keep-alive
 * connection, each timed with the monotonic nanosecond clock and reported in microseconds. Runs in its own
 * process (pinned by the runner), so its cost never lands on the proxy's core.
 *
 *   node latency-main.ts '{"url":…,"headers":{…},"body":"…","warmup":50,"requests":300,"expectStatus":200}'
 * Prints `{"samplesUs":[…],"errors":N}`; a request answered with another status than `expectStatus` (200 unless
 * given: the 401 key-flood path expects 401) is an error and no sample.
 */
import { Agent, request } from 'node:http';

interface LatencyArgs {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly warmup: number;
  readonly requests: number;
  readonly expectStatus?: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as LatencyArgs;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const target = new URL(args.url);
const headers = { ...args.headers, 'content-length': String(Buffer.byteLength(args.body)) };

/** One request; resolves with its status once the whole body has arrived. */
function once(): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, method: 'POST', host: target.hostname, port: target.port, path: target.pathname, headers },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(args.body);
  });
}

const expected = args.expectStatus ?? 200;
let errors = 0;
for (let i = 0; i < args.warmup; i += 1) if ((await once().catch(() => 0)) !== expected) errors += 1;
const samplesUs: number[] = [];
for (let i = 0; i < args.requests; i += 1) {
  const started = process.hrtime.bigint();
  const status = await once().catch(() => 0);
  const elapsed = process.hrtime.bigint() - started;
  if (status === expected) samplesUs.push(Number(elapsed) / 1000);
  else errors += 1;
}
agent.destroy();
process.stdout.write(`${JSON.stringify({ samplesUs, errors })}\n`);
