import { describe, expect, it } from 'vitest';
import type { FanoutSide } from '../scenarios/fanout.ts';
import type { FrontierSide } from '../scenarios/frontier.ts';
import type { LatencySide } from '../scenarios/latency.ts';
import { renderPeersTable } from './peer-table.ts';
import type { PeersRun } from './side-by-side.ts';

const latency = (p50: number, p99: number, cpuUsPerRequest?: number): LatencySide => ({
  percentiles: { p50, p95: p99, p99, max: p99 },
  errors: 0,
  cpuUsPerRequest,
});
const frontier = (rps: number): FrontierSide => ({
  steps: [],
  rpsAtP99: { '1': 0, '5': rps, '10': rps, '50': rps * 2 },
});
const fanout = (ttftP99: number, gapP99: number, stalled: number): FanoutSide => ({
  ttftMs: { p50: ttftP99 / 2, p95: ttftP99, p99: ttftP99, max: ttftP99 },
  gapMs: { p50: 20, p95: gapP99, p99: gapP99, max: gapP99 },
  streams: 100,
  completed: 100,
  errors: 0,
  lostFrames: 0,
  missingOnFailed: 0,
  duplicatedFrames: 0,
  outOfOrderFrames: 0,
  stalledStreams: stalled,
  firstErrors: [],
});

const run: PeersRun = {
  peers: [
    {
      id: 'portkey',
      label: 'Portkey 1.15.2',
      state: 'measured',
      streamingFailure: 'HTTP 500: Something went wrong',
    },
    {
      id: 'litellm',
      label: 'LiteLLM 1.93.0',
      state: 'not run',
      reason: 'install failed (pip exited 1: no network)',
      installCommand: "python3 -m venv /c && /c/bin/pip install 'litellm[proxy]==1.93.0'",
    },
  ],
  sides: ['direct', 'switchyard', 'portkey'],
  latency: { direct: latency(0.2, 1), switchyard: latency(1.5, 10, 780), portkey: latency(2, 12, 1200) },
  frontier: { direct: frontier(1600), switchyard: frontier(400), portkey: frontier(200) },
  sse: [{ streams: 100, sides: { direct: fanout(40, 30, 0), switchyard: fanout(200, 180, 19) } }],
  durationS: 120,
};

describe('side-by-side table', () => {
  const table = renderPeersTable(run, 'Measured today.');
  const line = (start: string): string => table.split('\n').find((l) => l.startsWith(start)) ?? '';

  it('puts each gateway beside direct with its added time and ratio to direct', () => {
    expect(line('| |')).toBe('| | direct (upstream) | Switchyard | Portkey 1.15.2 | LiteLLM 1.93.0 |');
    expect(line('| c=1 latency p50')).toContain(
      '| 0.20 ms | 1.50 ms (+1.30, 7.50×) | 2.00 ms (+1.80, 10.00×) |',
    );
    expect(line('| gateway CPU per request')).toContain('| — | 780 µs | 1200 µs | not run |');
    expect(line('| max RPS with p99 < 5 ms')).toContain('| 1600 | 400 (0.25×) | 200 (0.13×) | not run |');
  });

  it('says "not run" with the install command, and never invents a figure for a failed stream', () => {
    expect(line('| c=1 latency p50')).toContain(
      "not run: `python3 -m venv /c && /c/bin/pip install 'litellm[proxy]==1.93.0'`",
    );
    expect(line('| SSE 100 streams: TTFT')).toContain(
      '| 20 ms / 40 ms | 100 ms / 200 ms (5.00×) | streaming fails (see below) | not run |',
    );
    expect(line('| SSE 100 streams: stalled')).toContain('| 0 of 100 · 0 · 0 · 0 | 19 of 100 · 0 · 0 · 0 |');
    expect(table).toContain(
      '- Portkey 1.15.2: streaming fails here (HTTP 500: Something went wrong); measured non-streaming only.',
    );
    expect(table).toContain(
      '- LiteLLM 1.93.0 not run: install failed (pip exited 1: no network). Install: `python3 -m venv',
    );
  });
});
