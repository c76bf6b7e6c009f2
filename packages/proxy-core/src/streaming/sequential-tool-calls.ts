/**
 * One tool call open at a time. Upstreams may interleave parallel tool calls (OpenAI-style chunks address calls
 * by index: start 0, delta 0, start 1, delta 0, …), but Anthropic's blocks and Responses' output items are
 * sequential: a late delta for a call whose block the encoder already closed would be lost or glued onto the
 * wrong call (invalid JSON for the client). So from the second call on, a call is held back — its start and
 * its arguments — while the first may still receive deltas, and released whole (start + all arguments) when
 * anything else happens: another kind of event or the end. The first call still streams as it comes.
 */
import type { CanonicalStreamEvent, ToolCallStartEvent } from '../canonical/stream-event.ts';

interface HeldCall {
  readonly start: ToolCallStartEvent;
  args: string;
}

function* release(held: Map<number, HeldCall>): Generator<CanonicalStreamEvent> {
  for (const { start, args } of held.values()) {
    yield start;
    if (args !== '') yield { type: 'tool_call_delta', index: start.index, argumentsDelta: args };
  }
  held.clear();
}

export async function* sequentialToolCalls(
  events: AsyncIterable<CanonicalStreamEvent>,
): AsyncGenerator<CanonicalStreamEvent> {
  /** The call whose start went out and that may still stream its arguments. */
  let streaming: number | undefined;
  const held = new Map<number, HeldCall>();
  for await (const event of events) {
    if (event.type === 'tool_call_start') {
      if (streaming === undefined) {
        streaming = event.index;
        yield event;
      } else {
        held.set(event.index, { start: event, args: '' });
      }
      continue;
    }
    if (event.type === 'tool_call_delta') {
      const call = held.get(event.index);
      if (call !== undefined) call.args += event.argumentsDelta;
      else yield event; // the streaming call's own delta (or one for a call never started: passed on as is)
      continue;
    }
    // Anything else ends the tool-call run: the held calls go out whole, in the order they started.
    yield* release(held);
    streaming = undefined;
    yield event;
  }
  yield* release(held);
}
