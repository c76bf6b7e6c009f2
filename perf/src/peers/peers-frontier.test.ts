import { describe, expect, it } from 'vitest';
import { MODES, peersFrontier } from '../modes.ts';

describe('side-by-side frontier steps', () => {
  it('starts at 50 RPS and still reaches at least the lane sweep top rate', () => {
    for (const mode of Object.values(MODES)) {
      const own = mode.frontier;
      const peers = peersFrontier(own);
      expect(peers.startRps).toBe(50);
      const top = (f: typeof own): number => f.startRps * f.factor ** (f.maxSteps - 1);
      expect(top(peers)).toBeGreaterThanOrEqual(top(own));
      expect(peers.stepSeconds).toBe(own.stepSeconds);
    }
  });
});
