/**
 * Load generator for Responses WebSocket fan-out: N concurrent `ws` connections, each sending one
 * `response.create` and checking every `response.output_text.delta` message until `response.completed`.
 * A Node `ws` client rather than k6's websockets module, so SSE and WebSocket share one frame checker
 * (sequence tokens, gaps, stalls) and one clock.
 *
 *   node ws-fanout-main.ts '<FanoutArgs JSON>'   → prints a FanoutSummary JSON line.
 */
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import type { FanoutArgs } from './fanout-args.ts';
import { runFanout } from './run-fanout.ts';
import { StreamTracker } from './stream-tracker.ts';

const args = JSON.parse(process.argv[2] ?? '{}') as FanoutArgs;

function stream(): Promise<StreamTracker> {
  const tracker = new StreamTracker(args.deltas, performance.now());
  return new Promise((resolve) => {
    const socket = new WebSocket(args.url, { headers: args.headers, perMessageDeflate: false });
    const timer = setTimeout(() => {
      tracker.fail(`still open after ${args.timeoutMs} ms`);
      socket.terminate();
    }, args.timeoutMs);
    socket.on('open', () => socket.send(args.body));
    socket.on('message', (data: Buffer) => {
      const now = performance.now();
      const text = data.toString('utf8');
      if (text.includes('"response.output_text.delta"')) tracker.delta(text, now);
      else if (text.includes('"type":"response.completed"')) {
        tracker.complete();
        socket.close();
      } else if (text.includes('"type":"error"')) tracker.fail(text.slice(0, 200));
    });
    socket.on('error', (error) => tracker.fail(error.message));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(tracker);
    });
  });
}

await runFanout(args, stream);
