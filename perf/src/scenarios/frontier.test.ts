import { describe, expect, it } from 'vitest';
import { frontierOf } from './frontier.ts';

const step = (offeredRps: number, achievedRps: number, p99Ms: number, errorRate = 0) => ({
  offeredRps,
  achievedRps,
  p99Ms,
  errorRate,
});

describe('throughput frontier', () => {
  it('is the highest achieved rate whose p99 stays under each bound', () => {
    const steps = [step(200, 200, 0.9), step(400, 400, 4), step(800, 799, 9), step(1600, 1600, 40)];
    expect(frontierOf(steps)).toEqual({ '1': 200, '5': 400, '10': 799, '50': 1600 });
  });

  it('ignores steps with ≥ 0.1 % errors or under 95 % of the offered rate', () => {
    const steps = [step(200, 200, 0.5), step(400, 400, 0.5, 0.002), step(800, 700, 0.5)];
    expect(frontierOf(steps)['1']).toBe(200);
    expect(frontierOf([step(200, 200, 60)])).toEqual({ '1': 0, '5': 0, '10': 0, '50': 0 });
  });
});
