/** The run as the Markdown table the README's "Performance" section shows (written to reports/perf/table.md). */
import type { PerfRun } from './run-record.ts';
import type { FanoutLevel } from './scenarios/fanout.ts';

export const ms = (value: number): string =>
  Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms` : '—';
export const x = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '—');
export const signed = (value: number): string => (value >= 0 ? `+${value.toFixed(2)}` : value.toFixed(2));

function fanoutRows(label: string, levels: readonly FanoutLevel[]): string[] {
  return levels.flatMap((level) => {
    const { direct, proxy } = level;
    return [
      `| ${label} ${level.streams} streams: TTFT p50 / p99 | ${ms(direct.ttftMs.p50)} / ${ms(direct.ttftMs.p99)} | ${ms(proxy.ttftMs.p50)} / ${ms(proxy.ttftMs.p99)} | ${x(level.ratio.ttftP99)} (p99) |`,
      `| ${label} ${level.streams} streams: inter-frame p50 / p99 | ${ms(direct.gapMs.p50)} / ${ms(direct.gapMs.p99)} | ${ms(proxy.gapMs.p50)} / ${ms(proxy.gapMs.p99)} | ${x(level.ratio.gapP99)} (p99) |`,
      `| ${label} ${level.streams} streams: stalled · errors · lost · duplicated | ${direct.stalledStreams} · ${direct.errors} · ${direct.lostFrames} · ${direct.duplicatedFrames} | **${proxy.stalledStreams} of ${proxy.streams}** · ${proxy.errors} · ${proxy.lostFrames} · ${proxy.duplicatedFrames} | |`,
    ];
  });
}

export function renderTable(run: PerfRun): string {
  const { latency, frontier, soak, requestPaths: paths } = run;
  const us = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(0)} µs CPU` : '—');
  const rows = [
    `Measured ${run.startedAt.slice(0, 10)}, \`${run.mode}\` mode, ${run.machine}; ${run.pinning}.`,
    '',
    '| | direct (upstream) | Switchyard | ratio |',
    '|---|---|---|---|',
    `| c=1 latency p50 (added) | ${ms(latency.direct.p50)} | ${ms(latency.proxy.p50)} (${signed(latency.added.p50)}) | ${x(latency.ratio.p50)} |`,
    `| c=1 latency p99 (added) | ${ms(latency.direct.p99)} | ${ms(latency.proxy.p99)} (${signed(latency.added.p99)}) | ${x(latency.ratio.p99)} |`,
    `| c=1 served request: p50 / p99 · proxy CPU per request | ${ms(paths.direct.p50)} / ${ms(paths.direct.p99)} | ${ms(paths.served.latency.p50)} / ${ms(paths.served.latency.p99)} · ${us(paths.served.cpuUsPerRequest)} | |`,
    `| c=1 401 key flood (wrong key): p50 / p99 · CPU | | ${ms(paths.keyFlood.latency.p50)} / ${ms(paths.keyFlood.latency.p99)} · ${us(paths.keyFlood.cpuUsPerRequest)} | ${x(paths.keyFlood.cpuRatio)} (CPU ÷ served) |`,
    `| c=1 idempotent replay (stored answer): p50 / p99 · CPU | | ${ms(paths.replay.latency.p50)} / ${ms(paths.replay.latency.p99)} · ${us(paths.replay.cpuUsPerRequest)} | ${x(paths.replay.cpuRatio)} (CPU ÷ served) |`,
    ...Object.keys(frontier.proxy.rpsAtP99).map(
      (bound) =>
        `| max RPS with p99 < ${bound} ms | ${frontier.direct.rpsAtP99[bound] ?? 0} | ${frontier.proxy.rpsAtP99[bound] ?? 0} | ${x(frontier.ratio[bound] ?? Number.NaN)} |`,
    ),
    ...fanoutRows('SSE', run.sse),
    ...fanoutRows('WS', run.ws),
    `| soak ${soak.seconds} s @ ${soak.rps} RPS: RSS start → end (slope, 2nd half) | | ${soak.rssStartMiB} → ${soak.rssEndMiB} MiB (${signed(soak.rssSlopeMiBPerMin)} MiB/min) | |`,
    `| soak: event-loop delay p99 (median / worst second) · errors | | ${ms(soak.eventLoopP99MedianMs)} / ${ms(soak.eventLoopP99MaxMs)} · ${(soak.errorRate * 100).toFixed(2)} % | |`,
    '',
    `Proxy RSS per scenario, MiB (idle → peak → ${(Object.values(run.memory)[0]?.afterMs ?? 0) / 1000} s after):`,
    '',
    '| scenario | idle | peak | after |',
    '|---|---|---|---|',
    ...Object.entries(run.memory).map(
      ([name, m]) => `| ${name} | ${m.idleMiB} | ${m.peakMiB} | ${m.afterMiB} |`,
    ),
  ];
  return `${rows.join('\n')}\n`;
}
