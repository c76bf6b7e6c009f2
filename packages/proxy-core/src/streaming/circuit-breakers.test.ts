import { describe, expect, it } from 'vitest';
import { CircuitBreakers } from './circuit-breakers.ts';

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
