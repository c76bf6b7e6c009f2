import { describe, expect, it } from 'vitest';
import type { CanonicalStreamEvent } from '../canonical/stream-event.ts';
import { sequentialToolCalls } from './sequential-tool-calls.ts';

async function run(events: CanonicalStreamEvent[]): Promise<CanonicalStreamEvent[]> {
  async function* source(): AsyncGenerator<CanonicalStreamEvent> {
    for (const event of events) {
      await Promise.resolve(); // one event per tick, like a network stream
      yield event;
    }
  }
  const out: CanonicalStreamEvent[] = [];
  for await (const event of sequentialToolCalls(source())) out.push(event);
  return out;
}

const start = (index: number, name: string): CanonicalStreamEvent => ({
  type: 'tool_call_start',
  index,
  id: `call_${index}`,
  name,
});
const delta = (index: number, argumentsDelta: string): CanonicalStreamEvent => ({
  type: 'tool_call_delta',
  index,
  argumentsDelta,
});
const FINISH: CanonicalStreamEvent = {
  type: 'finish',
  reason: 'tool_calls',
  usage: { inputTokens: 1, outputTokens: 1 },
};

describe('sequentialToolCalls', () => {
  it('turns interleaved parallel calls into one call at a time, each with all its arguments', async () => {
    const out = await run([
      { type: 'start' },
      start(0, 'weather'),
      delta(0, '{"city":'),
      start(1, 'time'),
      delta(1, '{"zone":'),
      delta(0, '"Paris"}'),
      delta(1, '"CET"}'),
      FINISH,
    ]);
    expect(out).toEqual([
      { type: 'start' },
      start(0, 'weather'),
      delta(0, '{"city":'),
      delta(0, '"Paris"}'),
      start(1, 'time'),
      delta(1, '{"zone":"CET"}'),
      FINISH,
    ]);
  });

  it('leaves sequential calls and other events exactly as they came', async () => {
    const events: CanonicalStreamEvent[] = [
      { type: 'text_delta', text: 'Checking.' },
      start(0, 'a'),
      delta(0, '{}'),
      { type: 'text_delta', text: 'then' },
      start(1, 'b'),
      delta(1, '{"x":1}'),
      FINISH,
    ];
    expect(await run(events)).toEqual(events);
  });

  it('releases held calls before the next non-tool event, and at the end of a stream that has none', async () => {
    const out = await run([start(0, 'a'), start(1, 'b'), delta(1, '{}'), delta(0, '{}')]);
    expect(out).toEqual([start(0, 'a'), delta(0, '{}'), start(1, 'b'), delta(1, '{}')]);
  });
});
