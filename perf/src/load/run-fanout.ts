import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { OPEN_BATCH, type FanoutArgs } from './fanout-args.ts';
import { summarise, type StreamTracker } from './stream-tracker.ts';

/**
 * Opens `args.streams` streams with `open` — OPEN_BATCH at a time, yielding to the event loop between batches so
 * the first streams' frames are timed while later ones connect — waits for all, and prints the FanoutSummary
 * JSON line the runner reads. The one driver of every fan-out load generator (SSE, WebSocket).
 */
export async function runFanout(args: FanoutArgs, open: () => Promise<StreamTracker>): Promise<void> {
  const pending: Promise<StreamTracker>[] = [];
  for (let i = 0; i < args.streams; i += 1) {
    pending.push(open());
    if ((i + 1) % OPEN_BATCH === 0) await yieldToLoop();
  }
  const trackers = await Promise.all(pending);
  const summary = summarise(
    trackers.map((tracker) => tracker.outcome()),
    args.stallMs,
  );
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}
