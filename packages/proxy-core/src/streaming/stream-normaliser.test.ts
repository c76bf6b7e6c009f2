import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../canonical/stream-part.ts';
import { catalogued } from '../errors/catalogue.ts';
import { normalise } from './stream-normaliser.ts';

const USAGE = { inputTokens: 1, outputTokens: 2 };
const START: StreamPart = { type: 'stream-start', warnings: [] };
const FINISH: StreamPart = { type: 'finish', reason: 'tool_calls', usage: USAGE };

const toolStart = (id: string, name: string): StreamPart => ({
  type: 'tool-input-start',
  id,
  toolCallId: `call_${id}`,
  toolName: name,
});
const toolDelta = (id: string, delta: string): StreamPart => ({ type: 'tool-input-delta', id, delta });

describe('the contract', () => {
  it("keeps a text part's citations on its end, drops an empty list, and has none for a part finish closed", () => {
    const citation = { dialect: 'anthropic-messages', native: { type: 'char_location' } } as const;
    const out = normalise([
      START,
      { type: 'text-delta', id: 'a', delta: 'cited' },
      { type: 'text-end', id: 'a', metadata: { citations: [citation] } },
      { type: 'text-delta', id: 'b', delta: 'plain' },
      { type: 'text-end', id: 'b', metadata: { citations: [] } },
      { type: 'text-delta', id: 'c', delta: 'cut' },
      FINISH,
    ]);
    expect(out.filter((part) => part.type === 'text-end')).toEqual([
      { type: 'text-end', id: 'a', metadata: { citations: [citation] } },
      { type: 'text-end', id: 'b' },
      { type: 'text-end', id: 'c' },
    ]);
  });

  it('opens the stream with stream-start carrying the call warnings, once', () => {
    const warning = { type: 'thinking-adjusted', adjustment: 'clamped', message: 'budget clamped' } as const;
    const out = normalise([{ type: 'text-delta', id: 't', delta: 'hi' }, START, FINISH], {
      warnings: [warning],
    });
    expect(out.map((part) => part.type)).toEqual([
      'stream-start',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
    expect(out[0]).toEqual({ type: 'stream-start', warnings: [warning] });
  });

  it('drops a tool input delta for a call never opened, empty deltas and a second end', () => {
    const out = normalise([
      START,
      toolDelta('x', '{}'),
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: '' },
      { type: 'text-end', id: 't' },
      { type: 'text-end', id: 't' },
      FINISH,
    ]);
    expect(out.map((part) => part.type)).toEqual(['stream-start', 'text-start', 'text-end', 'finish']);
  });

  it('gives a reused id a fresh one, so two adjacent reasoning blocks stay two', () => {
    const out = normalise([
      START,
      { type: 'reasoning-delta', id: 'r', delta: 'a' },
      { type: 'reasoning-end', id: 'r', metadata: { signature: 's1' } },
      { type: 'reasoning-delta', id: 'r', delta: 'b' },
      { type: 'reasoning-end', id: 'r', metadata: { signature: 's2' } },
      FINISH,
    ]);
    const ends = out.filter((part) => part.type === 'reasoning-end');
    expect(ends).toEqual([
      { type: 'reasoning-end', id: 'r', metadata: { signature: 's1' } },
      { type: 'reasoning-end', id: 'r~2', metadata: { signature: 's2' } },
    ]);
  });

  it('carries the start metadata of redacted reasoning onto its end', () => {
    const out = normalise([
      START,
      { type: 'reasoning-start', id: 'r', metadata: { redactedData: 'enc' } },
      { type: 'reasoning-end', id: 'r' },
      FINISH,
    ]);
    expect(out).toContainEqual({ type: 'reasoning-end', id: 'r', metadata: { redactedData: 'enc' } });
  });

  it('follows every tool input end with the whole call, and streams a call yielded only whole', () => {
    const out = normalise([
      START,
      toolStart('a', 'weather'),
      toolDelta('a', '{"city":'),
      toolDelta('a', '"Paris"}'),
      { type: 'tool-input-end', id: 'a' },
      { type: 'tool-call', id: 'b', toolCallId: 'call_b', toolName: 'time', input: '{}' },
      FINISH,
    ]);
    expect(out.filter((part) => part.type === 'tool-call')).toEqual([
      { type: 'tool-call', id: 'a', toolCallId: 'call_a', toolName: 'weather', input: '{"city":"Paris"}' },
      { type: 'tool-call', id: 'b', toolCallId: 'call_b', toolName: 'time', input: '{}' },
    ]);
    expect(out.slice(-5).map((part) => part.type)).toEqual([
      'tool-input-start',
      'tool-input-delta',
      'tool-input-end',
      'tool-call',
      'finish',
    ]);
  });

  it('closes what is open before finish, leaves it open on error, and drops anything after the terminal', () => {
    const finished = normalise([START, toolStart('a', 'w'), toolDelta('a', '{}'), FINISH, FINISH]);
    expect(finished.slice(-3).map((part) => part.type)).toEqual(['tool-input-end', 'tool-call', 'finish']);
    const error: StreamPart = {
      type: 'error',
      error: { ...catalogued('upstream_stream_error'), message: 'x' },
    };
    const failed = normalise([START, toolStart('a', 'w'), error, FINISH]);
    expect(failed.map((part) => part.type)).toEqual(['stream-start', 'tool-input-start', 'error']);
  });
});

describe('sequential serialisation', () => {
  const INTERLEAVED: StreamPart[] = [
    START,
    toolStart('a', 'weather'),
    toolDelta('a', '{"city":'),
    toolStart('b', 'time'),
    toolDelta('b', '{"zone":'),
    toolDelta('a', '"Paris"}'),
    toolDelta('b', '"CET"}'),
    FINISH,
  ];

  it('streams the first call as it comes and holds the second whole until the first ends', () => {
    const out = normalise(INTERLEAVED, { sequential: true });
    expect(out.map((part) => ('id' in part ? `${part.type}:${part.id}` : part.type))).toEqual([
      'stream-start',
      'tool-input-start:a',
      'tool-input-delta:a',
      'tool-input-delta:a',
      'tool-input-end:a',
      'tool-call:a',
      'tool-input-start:b',
      'tool-input-delta:b',
      'tool-input-end:b',
      'tool-call:b',
      'finish',
    ]);
    expect(out[7]).toEqual({ type: 'tool-input-delta', id: 'b', delta: '{"zone":"CET"}' });
  });

  it('lets a released part that is still open stream live from then on', () => {
    const out = normalise(
      [
        START,
        toolStart('a', 'w'),
        toolStart('b', 'w'),
        toolDelta('b', '{'),
        { type: 'tool-input-end', id: 'a' },
        toolDelta('b', '}'),
      ],
      { sequential: true },
    );
    expect(out.slice(-4)).toEqual([
      { type: 'tool-call', id: 'a', toolCallId: 'call_a', toolName: 'w', input: '' },
      { type: 'tool-input-start', id: 'b', toolCallId: 'call_b', toolName: 'w' },
      { type: 'tool-input-delta', id: 'b', delta: '{' },
      { type: 'tool-input-delta', id: 'b', delta: '}' },
    ]);
  });

  it('never has two parts open, whatever the interleaving, and every call arrives whole', () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('start' as const), call: fc.nat(3) }),
      fc.record({ op: fc.constant('delta' as const), call: fc.nat(3), text: fc.string({ maxLength: 4 }) }),
      fc.record({ op: fc.constant('end' as const), call: fc.nat(3) }),
      fc.record({ op: fc.constant('text' as const), text: fc.string({ maxLength: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const input: StreamPart[] = [START];
        const sent = new Map<string, string>();
        for (const s of steps) {
          const id = s.op === 'text' ? 'text' : `c${s.call}`;
          if (s.op === 'start') input.push(toolStart(id, 'w'));
          if (s.op === 'delta') input.push(toolDelta(id, s.text));
          if (s.op === 'end') input.push({ type: 'tool-input-end', id });
          if (s.op === 'text') input.push({ type: 'text-delta', id, delta: s.text });
        }
        input.push(FINISH);
        const plain = normalise(input);
        for (const part of plain) if (part.type === 'tool-call') sent.set(part.id, part.input);
        const out = normalise(input, { sequential: true });
        let open: string | undefined;
        const got = new Map<string, string>();
        for (const part of out) {
          if (part.type.endsWith('-start') && part.type !== 'stream-start') {
            expect(open).toBeUndefined();
            open = (part as { id: string }).id;
          }
          if (part.type.endsWith('-delta')) expect((part as { id: string }).id).toBe(open);
          if (part.type === 'text-end' || part.type === 'tool-input-end') open = undefined;
          if (part.type === 'tool-call') got.set(part.id, part.input);
        }
        expect(out.at(-1)?.type).toBe('finish');
        expect(got).toEqual(sent);
      }),
    );
  });
});
