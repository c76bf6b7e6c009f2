/**
 * Load generator for SSE fan-out: opens N concurrent streamed POSTs with node:http and checks every frame.
 * A Node client rather than k6: k6's http module buffers the whole body, so it cannot time frames, and an
 * xk6-sse build would add a Go toolchain to the lane; node:http gives each chunk as it arrives at low cost.
 *
 *   node sse-fanout-main.ts '<FanoutArgs JSON>'   → prints a FanoutSummary JSON line.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FanoutArgs } from './fanout-args.ts';
import { runFanout } from './run-fanout.ts';
import { StreamTracker } from './stream-tracker.ts';

const args = JSON.parse(process.argv[2] ?? '{}') as FanoutArgs;
const target = new URL(args.url);
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
const headers = {
  ...args.headers,
  accept: 'text/event-stream',
  'content-length': String(Buffer.byteLength(args.body)),
};
const DELTA_MARK = args.dialect === 'chat' ? 'data: {' : 'event: response.output_text.delta';
const END_MARK = args.dialect === 'chat' ? 'data: [DONE]' : 'response.completed';

function stream(): Promise<StreamTracker> {
  const tracker = new StreamTracker(args.deltas, performance.now());
  return new Promise((resolve) => {
    const req = request(
      { agent, method: 'POST', host: target.hostname, port: target.port, path: target.pathname, headers },
      (res) => {
        if (res.statusCode !== 200) tracker.fail(`HTTP ${res.statusCode}`);
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          const now = performance.now();
          buffer += chunk;
          let split = buffer.indexOf('\n\n');
          while (split !== -1) {
            const frame = buffer.slice(0, split);
            buffer = buffer.slice(split + 2);
            if (frame.includes(END_MARK)) tracker.complete();
            else if (frame.includes(DELTA_MARK)) tracker.delta(frame, now);
            split = buffer.indexOf('\n\n');
          }
        });
        res.on('end', () => resolve(tracker));
        res.on('error', (error) => {
          tracker.fail(error.message);
          resolve(tracker);
        });
      },
    );
    req.setTimeout(args.timeoutMs, () => {
      tracker.fail(`still open after ${args.timeoutMs} ms`);
      req.destroy();
    });
    req.on('error', (error) => {
      tracker.fail(error.message);
      resolve(tracker);
    });
    req.end(args.body);
  });
}

await runFanout(args, stream);
