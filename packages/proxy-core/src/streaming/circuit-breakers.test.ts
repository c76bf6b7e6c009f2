import { MAX_PER_MODEL_ENTRIES } from '../providers/shared/bounded-map.ts';
import { describe, expect, it } from 'vitest';
import { CircuitBreakers, CircuitRelay, parseSharedCircuit, type SharedCircuit } from './circuit-breakers.ts';

describe('CircuitBreakers', () => {
  it('opens after the threshold of failures in a row, admits one probe after openMs, closes on its success', () => {
    const clock = { now: 0 };
    const circuits = new CircuitBreakers({ failureThreshold: 3, openMs: 1000 }, () => clock.now);
    circuits.record('deepseek/a', false);
    circuits.record('deepseek/a', false);
    expect(circuits.admit('deepseek/a')).toBe('closed');
    circuits.record('deepseek/a', false);
    expect(circuits.admit('deepseek/a')).toBe('open');
    expect(circuits.openCount()).toBe(1);
    expect(circuits.admit('kimi/b')).toBe('closed'); // circuits are per target
    clock.now = 1000;
    expect(circuits.admit('deepseek/a')).toBe('probe'); // the one probe
    expect(circuits.admit('deepseek/a')).toBe('open'); // nobody else while it is out
    circuits.record('deepseek/a', true);
    expect(circuits.admit('deepseek/a')).toBe('closed');
    expect(circuits.openCount()).toBe(0);
  });

  it('reopens for another openMs when the probe fails; a success resets the count', () => {
    const clock = { now: 0 };
    const circuits = new CircuitBreakers({ failureThreshold: 2, openMs: 500 }, () => clock.now);
    circuits.record('p/m', false);
    circuits.record('p/m', true);
    circuits.record('p/m', false);
    expect(circuits.admit('p/m')).toBe('closed'); // one failure after a success: still closed
    circuits.record('p/m', false);
    expect(circuits.admit('p/m')).toBe('open');
    clock.now = 500;
    expect(circuits.admit('p/m')).toBe('probe');
    circuits.record('p/m', false);
    clock.now = 999;
    expect(circuits.admit('p/m')).toBe('open');
    clock.now = 1000;
    expect(circuits.admit('p/m')).toBe('probe');
  });
});

describe('CircuitBreakers shared between replicas', () => {
  const linked = (clock: { now: number }) => {
    const [relayA, relayB] = [new CircuitRelay(), new CircuitRelay()];
    const wire: SharedCircuit[] = [];
    relayA.connect((message) => {
      wire.push(message);
      relayB.receive(message);
    });
    relayB.connect((message) => {
      wire.push(message);
      relayA.receive(message);
    });
    const settings = { failureThreshold: 2, openMs: 1000 };
    return {
      a: new CircuitBreakers(settings, () => clock.now, relayA),
      b: new CircuitBreakers(settings, () => clock.now, relayB),
      wire,
    };
  };

  it("opens the circuit on every replica after one replica's failures, and closes it everywhere after a good probe", () => {
    const clock = { now: 0 };
    const { a, b, wire } = linked(clock);
    a.record('deepseek/x', false);
    expect(b.admit('deepseek/x')).toBe('closed');
    a.record('deepseek/x', false);
    expect(wire).toEqual([{ target: 'deepseek/x', openUntil: 1000 }]);
    expect(b.admit('deepseek/x')).toBe('open');
    expect(b.admit('kimi/y')).toBe('closed');

    clock.now = 1000;
    expect(b.admit('deepseek/x')).toBe('probe');
    b.record('deepseek/x', true);
    expect(wire.at(-1)).toEqual({ target: 'deepseek/x', openUntil: 0 });
    expect(a.admit('deepseek/x')).toBe('closed');
  });

  it('extends an open circuit when another replica reopens it later, and announces no close for a circuit never open', () => {
    const clock = { now: 0 };
    const { a, b, wire } = linked(clock);
    b.record('t', false);
    b.record('t', false); // b open until 1000
    a.record('x', true); // a's circuit for x was never open: nothing to announce
    expect(wire).toEqual([{ target: 't', openUntil: 1000 }]);
    clock.now = 500;
    // a opens t later (until 1500): b follows; b's own later-ending circuit would never be cut short.
    a.record('t', false);
    expect(a.admit('t')).toBe('open');
    clock.now = 1200;
    expect(b.admit('t')).toBe('open');
    expect(parseSharedCircuit({ target: 't', openUntil: 'soon' })).toBeUndefined();
    expect(parseSharedCircuit({ target: 't', openUntil: 5 })).toEqual({ target: 't', openUntil: 5 });
  });

  it('keeps at most MAX_PER_MODEL_ENTRIES circuits: a flood of failing made-up targets evicts the oldest', () => {
    const circuits = new CircuitBreakers({ failureThreshold: 1, openMs: 60_000 }, () => 0);
    for (let i = 0; i <= MAX_PER_MODEL_ENTRIES; i += 1) circuits.record(`openai/made-up-${i}`, false);
    const open = circuits.openTargets();
    expect(open).toHaveLength(MAX_PER_MODEL_ENTRIES);
    expect(open[0]).toBe('openai/made-up-1');
    expect(open.at(-1)).toBe(`openai/made-up-${MAX_PER_MODEL_ENTRIES}`);
  });
});
