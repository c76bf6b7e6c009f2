import type { TrendSeries } from '../report-model.ts';
import { escapeHtml } from './escape.ts';

const WIDTH = 560;
const HEIGHT = 200;
const PAD = { left: 56, right: 16, top: 16, bottom: 28 };
const LINES: readonly { readonly stat: string; readonly label: string; readonly color: string }[] = [
  { stat: 'p(95)', label: 'p95', color: '#1f77b4' },
  { stat: 'p(99)', label: 'p99', color: '#d62728' },
];

/**
 * An inline SVG line chart of p95 and p99 across saved runs. Hand-written so the page stays one
 * self-contained file with no script and no network access.
 */
export function trendChart(series: TrendSeries): string {
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
          `<circle cx="${x(point.index).toFixed(1)}" cy="${y(point.value).toFixed(1)}" r="3" fill="${line.color}"><title>${line.label} ${point.value.toFixed(2)} ms</title></circle>`,
      )
      .join('');
    return `<polyline data-series="${line.label}" fill="none" stroke="${line.color}" stroke-width="2" points="${coordinates}"/>${dots}`;
  }).join('');
  const latest = series.points.at(-1)?.figures ?? {};
  const legend = LINES.map(
    (line, index) =>
      `<text x="${PAD.left + 8 + index * 150}" y="${PAD.top + 12}" fill="${line.color}" font-size="12">${line.label}${latest[line.stat] === undefined ? '' : ` ${latest[line.stat]?.toFixed(2)} ms`}</text>`,
  ).join('');
  const axes =
    `<line x1="${PAD.left}" y1="${PAD.top + plotHeight}" x2="${WIDTH - PAD.right}" y2="${PAD.top + plotHeight}" stroke="#888"/>` +
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + plotHeight}" stroke="#888"/>` +
    `<text x="${PAD.left - 6}" y="${PAD.top + 4}" text-anchor="end" font-size="11">${max.toFixed(1)} ms</text>` +
    `<text x="${PAD.left - 6}" y="${PAD.top + plotHeight}" text-anchor="end" font-size="11">0</text>` +
    `<text x="${PAD.left}" y="${HEIGHT - 8}" font-size="11">${series.points.length} run(s), oldest to newest</text>`;
  return `<svg class="trend" role="img" aria-label="p95 and p99 of ${escapeHtml(series.key)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}">${axes}${paths}${legend}</svg>`;
}
