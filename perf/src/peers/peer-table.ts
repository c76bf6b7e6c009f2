/**
 * The side-by-side table of `--peers`: one column per side (direct, Switchyard, each peer), every gateway
 * figure with its ratio to direct. A peer that could not be installed or started says "not run" with the
 * install command; a peer whose streaming fails says so in the SSE rows — never a made-up figure.
 */
import { FRONTIER_BOUNDS_MS } from '../modes.ts';
import type { FanoutSide } from '../scenarios/fanout.ts';
import { ratio } from '../stats.ts';
import { ms, signed, x } from '../table.ts';
import type { PeerStatus } from './peers.ts';
import type { PeersRun } from './side-by-side.ts';

const LABELS: Readonly<Record<string, string>> = { direct: 'direct (upstream)', switchyard: 'Switchyard' };

interface Column {
  readonly name: string;
  readonly label: string;
  readonly peer: PeerStatus | undefined;
}

function columnsOf(run: PeersRun): Column[] {
  const ours: Column[] = ['direct', 'switchyard'].map((name) => ({
    name,
    label: LABELS[name] ?? name,
    peer: undefined,
  }));
  return [...ours, ...run.peers.map((peer) => ({ name: peer.id, label: peer.label, peer }))];
}

/** A row: `cell(column)` for measured sides; "not run" (first row: with the install command) otherwise. */
function row(
  label: string,
  columns: readonly Column[],
  cell: (column: Column) => string,
  first = false,
): string {
  const cells = columns.map((column) => {
    if (column.peer?.state === 'not run')
      return first ? `not run: \`${column.peer.installCommand}\`` : 'not run';
    return cell(column);
  });
  return `| ${label} | ${cells.join(' | ')} |`;
}

function fanoutCell(side: FanoutSide | undefined, render: (side: FanoutSide) => string): string {
  return side === undefined ? '—' : render(side);
}

export function renderPeersTable(run: PeersRun, header: string): string {
  const columns = columnsOf(run);
  const direct = run.latency['direct'];
  const latencyRow = (key: 'p50' | 'p99', first: boolean): string =>
    row(
      `c=1 latency ${key} (added, × direct)`,
      columns,
      (column) => {
        const side = run.latency[column.name];
        if (side === undefined || direct === undefined) return '—';
        const value = side.percentiles[key];
        if (column.name === 'direct') return ms(value);
        const base = direct.percentiles[key];
        return `${ms(value)} (${signed(value - base)}, ${x(ratio(value, base))})`;
      },
      first,
    );
  const rows = [
    header,
    '',
    `| | ${columns.map((column) => column.label).join(' | ')} |`,
    `|---|${columns.map(() => '---').join('|')}|`,
    latencyRow('p50', true),
    latencyRow('p99', false),
    row('gateway CPU per request (c=1)', columns, (column) => {
      const us = run.latency[column.name]?.cpuUsPerRequest;
      return us === undefined ? '—' : `${us} µs`;
    }),
    row('c=1 errors', columns, (column) => String(run.latency[column.name]?.errors ?? '—')),
    ...FRONTIER_BOUNDS_MS.map((bound) =>
      row(`max RPS with p99 < ${bound} ms (× direct)`, columns, (column) => {
        const rps = run.frontier[column.name]?.rpsAtP99[`${bound}`];
        if (rps === undefined) return '—';
        if (column.name === 'direct') return String(rps);
        return `${rps} (${x(ratio(rps, run.frontier['direct']?.rpsAtP99[`${bound}`] ?? 0))})`;
      }),
    ),
    ...run.sse.flatMap((level) => {
      const base = level.sides['direct'];
      const streamingCell = (column: Column, render: (side: FanoutSide) => string): string =>
        column.peer?.state === 'measured' && column.peer.streamingFailure !== undefined
          ? 'streaming fails (see below)'
          : fanoutCell(level.sides[column.name], render);
      return [
        row(`SSE ${level.streams} streams: TTFT p50 / p99 (× direct p99)`, columns, (column) =>
          streamingCell(column, (side) =>
            column.name === 'direct'
              ? `${ms(side.ttftMs.p50)} / ${ms(side.ttftMs.p99)}`
              : `${ms(side.ttftMs.p50)} / ${ms(side.ttftMs.p99)} (${x(ratio(side.ttftMs.p99, base?.ttftMs.p99 ?? 0))})`,
          ),
        ),
        row(`SSE ${level.streams} streams: inter-frame p50 / p99 (× direct p99)`, columns, (column) =>
          streamingCell(column, (side) =>
            column.name === 'direct'
              ? `${ms(side.gapMs.p50)} / ${ms(side.gapMs.p99)}`
              : `${ms(side.gapMs.p50)} / ${ms(side.gapMs.p99)} (${x(ratio(side.gapMs.p99, base?.gapMs.p99 ?? 0))})`,
          ),
        ),
        row(`SSE ${level.streams} streams: stalled · errors · lost · duplicated`, columns, (column) =>
          streamingCell(
            column,
            (side) =>
              `${side.stalledStreams} of ${side.streams} · ${side.errors} · ${side.lostFrames} · ${side.duplicatedFrames}`,
          ),
        ),
      ];
    }),
  ];
  const notes = run.peers.flatMap((peer) => {
    if (peer.state === 'not run')
      return [`- ${peer.label} not run: ${peer.reason}. Install: \`${peer.installCommand}\``];
    if (peer.streamingFailure !== undefined)
      return [
        `- ${peer.label}: streaming fails here (${peer.streamingFailure}); measured non-streaming only.`,
      ];
    return [];
  });
  return `${[...rows, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n')}\n`;
}
