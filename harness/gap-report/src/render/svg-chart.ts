import type { TrendSeries } from '../report-model.ts';
import { escapeHtml } from './escape.ts';

const WIDTH = 560;
const HEIGHT = 200;
const PAD = { left: 56, right: 16, top: 16, bottom: 28 };
export interface ChartLine {
  /** The figure this line plots, e.g. `p(95)` or `failing`. */
  readonly stat: string;
  readonly label: string;
  readonly color: string;
}

export interface ChartOptions {
  readonly lines: readonly ChartLine[];
  /** Unit after values (` ms`), '' for counts. */
  readonly unit: string;
  /** Decimals shown. */
  readonly digits: number;
  /** What the chart shows, for its aria-label. */
  readonly describes: string;
}

export const PERCENTILE_CHART: ChartOptions = {
  lines: [
    { stat: 'p(95)', label: 'p95', color: '#1f77b4' },
    { stat: 'p(99)', label: 'p99', color: '#d62728' },
  ],
  unit: ' ms',
  digits: 2,
  describes: 'p95 and p99',
};

/**
 * An inline SVG line chart of some figures (p95 and p99 by default) across saved runs. Hand-written so the
 * page stays one self-contained file with no script and no network access.
 */
export function trendChart(series: TrendSeries, options: ChartOptions = PERCENTILE_CHART): string {
  const LINES = options.lines;
  const unit = options.unit;
  const values = series.points.flatMap((point) =>
    LINES.map((line) => point.figures[line.stat]).filter((value) => value !== undefined),
  );
  const max = Math.max(...values, 0) * 1.1 || 1;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number): number =>
    PAD.left +
    (series.points.length === 1 ? plotWidth / 2 : (index * plotWidth) / (series.points.length - 1));
  const y = (value: number): number => PAD.top + plotHeight - (value / max) * plotHeight;
  const paths = LINES.map((line) => {
    const points = series.points
      .map((point, index) => ({ index, value: point.figures[line.stat] }))
      .filter((point): point is { index: number; value: number } => point.value !== undefined);
    if (points.length === 0) return '';
    const coordinates = points
      .map((point) => `${x(point.index).toFixed(1)},${y(point.value).toFixed(1)}`)
      .join(' ');
    const dots = points
      .map(
        (point) =>
          `<circle cx="${x(point.index).toFixed(1)}" cy="${y(point.value).toFixed(1)}" r="3" fill="${line.color}"><title>${line.label} ${point.value.toFixed(options.digits)}${unit}</title></circle>`,
      )
      .join('');
    return `<polyline data-series="${line.label}" fill="none" stroke="${line.color}" stroke-width="2" points="${coordinates}"/>${dots}`;
  }).join('');
  const latest = series.points.at(-1)?.figures ?? {};
  const legend = LINES.map(
    (line, index) =>
      `<text x="${PAD.left + 8 + index * 150}" y="${PAD.top + 12}" fill="${line.color}" font-size="12">${line.label}${latest[line.stat] === undefined ? '' : ` ${latest[line.stat]?.toFixed(options.digits)}${unit}`}</text>`,
  ).join('');
  const axes =
    `<line x1="${PAD.left}" y1="${PAD.top + plotHeight}" x2="${WIDTH - PAD.right}" y2="${PAD.top + plotHeight}" stroke="#888"/>` +
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + plotHeight}" stroke="#888"/>` +
    `<text x="${PAD.left - 6}" y="${PAD.top + 4}" text-anchor="end" font-size="11">${max.toFixed(1)}${unit}</text>` +
    `<text x="${PAD.left - 6}" y="${PAD.top + plotHeight}" text-anchor="end" font-size="11">0</text>` +
    `<text x="${PAD.left}" y="${HEIGHT - 8}" font-size="11">${series.points.length} run(s), oldest to newest</text>`;
  return `<svg class="trend" role="img" aria-label="${escapeHtml(options.describes)} of ${escapeHtml(series.key)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}">${axes}${paths}${legend}</svg>`;
}
