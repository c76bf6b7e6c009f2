import { LANES } from '../catalog-schema.ts';
import { STATES } from '../evidence/outcome.ts';
import type { GapReport, ItemResult } from '../report-model.ts';
import { escapeHtml } from './escape.ts';
import { formatFigures, formatLocations, STATE_LABELS } from './format.ts';
import { trendChart, type ChartOptions } from './svg-chart.ts';

/** The release engineer's trend: how many items fail, are remaining or did not run, run after run. */
const STATE_CHART: ChartOptions = {
  lines: [
    { stat: 'failing', label: 'failing', color: '#c62828' },
    { stat: 'remaining', label: 'remaining', color: '#616161' },
    { stat: 'not-run', label: 'not run', color: '#ef6c00' },
  ],
  unit: '',
  digits: 0,
  describes: 'failing, remaining and not-run items',
};

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d1d1f;max-width:1200px}
h1{margin:0 0 4px}table{border-collapse:collapse;width:100%;margin:8px 0 20px}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f4f4f6}
.state{font-weight:600;white-space:nowrap;padding:1px 6px;border-radius:4px}
.state-covered{background:#d9f2dd;color:#145a22}.state-failing{background:#fbd5d5;color:#8a1010}
.state-not-run{background:#fde9c8;color:#7a4a00}.state-stale{background:#e6e0f8;color:#45307a}
.state-remaining{background:#eee;color:#444}.muted{color:#666}code{font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:16px}.chart{border:1px solid #ddd;padding:8px}`;

function evidenceCell(item: ItemResult): string {
  const entries = item.evidence
    .filter((outcome) => outcome.locations.length > 0)
    .map((outcome) => {
      const figures = formatFigures(outcome.figures);
      return `<div><code>${escapeHtml(formatLocations(outcome))}</code>${figures === '' ? '' : ` <span class="figures">${escapeHtml(figures)}</span>`}</div>`;
    });
  const why =
    item.state !== 'covered' && item.reason !== undefined
      ? `<div class="muted">${escapeHtml(item.reason)}</div>`
      : '';
  const install =
    item.install === undefined ? '' : `<div>Install: <code>${escapeHtml(item.install)}</code></div>`;
  return entries.join('') + why + install;
}

function itemRow(item: ItemResult): string {
  return (
    `<tr data-item="${escapeHtml(item.id)}" data-state="${item.state}">` +
    `<td><code>${escapeHtml(item.id)}</code>${item.requiredForRelease ? ' <strong title="required for release">release</strong>' : ''}</td>` +
    `<td><span class="state state-${item.state}">${STATE_LABELS[item.state]}</span></td>` +
    `<td>${escapeHtml(item.description)}</td><td>${evidenceCell(item)}</td><td>${escapeHtml(item.owner)}</td></tr>`
  );
}

/** Required-for-release items that are not covered: what blocks a release, first on the page. */
function releaseBlockers(report: GapReport): string {
  const blocking = report.items.filter((item) => item.requiredForRelease && item.state !== 'covered');
  if (blocking.length === 0)
    return '<p class="release-ok" data-blockers="0">None: every item required for release is covered.</p>';
  const rows = blocking.map(itemRow).join('');
  return `<table data-blockers="${blocking.length}"><thead><tr><th>Item</th><th>State</th><th>Description</th><th>Evidence</th><th>Owner</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * `reports/gaps/index.html`: one self-contained page (inline CSS and SVG, no script, no fetch). It opens with
 * what a release engineer asks first: what blocks the release, then the trend of failing and remaining items
 * over runs, then the matrix; lanes and perf trends follow.
 */
export function renderHtml(report: GapReport): string {
  const laneSections = LANES.map((lane) => {
    const items = report.items.filter((item) => item.lane === lane);
    const rows =
      items.length === 0
        ? '<tr><td colspan="5" class="muted">No catalog items.</td></tr>'
        : items.map(itemRow).join('');
    return `<section data-lane="${lane}"><h3>${lane}</h3><table><thead><tr><th>Item</th><th>State</th><th>Description</th><th>Evidence</th><th>Owner</th></tr></thead><tbody>${rows}</tbody></table></section>`;
  }).join('');
  const laneRows = report.lanes
    .map(
      (lane) =>
        `<tr><td>${escapeHtml(lane.workspace)}</td><td>${escapeHtml(lane.lane)}</td><td>${lane.status.replace('-', ' ')}</td><td><code>${escapeHtml(lane.command)}</code></td><td>${escapeHtml(lane.startedAt)}</td><td>${lane.executed ?? ''}</td><td>${escapeHtml(lane.reason ?? '')}</td></tr>`,
    )
    .join('');
  const charts =
    report.trends.length === 0
      ? '<p class="muted">No k6 measurements yet: run <code>pnpm test:perf</code>.</p>'
      : `<div class="charts">${report.trends.map((series) => `<figure class="chart" data-chart="${escapeHtml(series.key)}"><figcaption>${escapeHtml(series.key)}</figcaption>${trendChart(series)}</figure>`).join('')}</div>`;
  const stateTrend =
    report.stateTrend.points.length === 0
      ? '<p class="muted">No saved run yet.</p>'
      : `<figure class="chart" data-chart="states">${trendChart(report.stateTrend, STATE_CHART)}</figure>`;
  const totals = STATES.map(
    (state) => `<span class="state state-${state}">${report.totals[state]} ${STATE_LABELS[state]}</span>`,
  ).join(' ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Switchyard coverage gaps ${escapeHtml(report.date)}</title><style>${STYLE}</style></head>
<body>
<h1>Coverage Gaps Report</h1>
<p>Date: ${escapeHtml(report.date)} · commit <code>${escapeHtml(report.gitSha)}</code> · generated ${escapeHtml(report.generatedAt)}</p>
<p class="totals">${totals}</p>
<h2 id="release-blockers">Release blockers</h2>
${releaseBlockers(report)}
<h2 id="state-trend">Failing and remaining over runs</h2>
${stateTrend}
<h2 id="gap-matrix">Gap Matrix</h2>
${laneSections}
<h2>Lanes executed</h2>
<p class="muted">Tools: ${escapeHtml(report.toolVersions.map((tool) => `${tool.tool} ${tool.installed}`).join(', '))}</p>
<table><thead><tr><th>Workspace</th><th>Lane</th><th>Status</th><th>Command</th><th>Started</th><th>Executed</th><th>Reason</th></tr></thead><tbody>${laneRows}</tbody></table>
<h2>Latency trends (perf p95/p99, ms)</h2>
${charts}
<h2>Close-out</h2>
<p>Owner: ${escapeHtml(report.closeOut.owner)}. ${escapeHtml(report.closeOut.rule)}</p>
</body></html>
`;
}
