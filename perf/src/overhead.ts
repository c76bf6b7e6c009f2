import type { AssertionResult } from '@switchyard/testkit/results';
import type { K6Summary } from './k6-summary.ts';

/** The proxy may cost at most this factor over the direct baseline's p95 stream duration (same run). */
export const MAX_P95_OVERHEAD_RATIO = 3;

const DURATION = 'http_req_duration{scenario:fanout}';
/** Time to the first streamed byte: reported beside the ratio, not judged (a few ms, too noisy to gate). */
const TTFB = 'http_req_waiting{scenario:fanout}';

function p95(summary: K6Summary, metric = DURATION): number | undefined {
  const value = summary.metrics[metric]?.['p(95)'];
  return typeof value === 'number' ? value : undefined;
}

function ttfbFigures(proxied: K6Summary, direct: K6Summary): Record<string, number> {
  const proxyTtfb = p95(proxied, TTFB);
  const directTtfb = p95(direct, TTFB);
  return proxyTtfb === undefined || directTtfb === undefined
    ? {}
    : { 'proxy ttfb p(95)': proxyTtfb, 'direct ttfb p(95)': directTtfb };
}

/**
 * Speed is judged as a ratio against a baseline measured in the same run on the same machine, never
 * as an absolute wall-clock figure: p95 stream duration through the proxy ÷ p95 straight from upstream.
 */
export function overheadAssertion(scenario: string, proxied: K6Summary, direct: K6Summary): AssertionResult {
  const proxyP95 = p95(proxied);
  const directP95 = p95(direct);
  const title = `proxy p95 stream duration ≤ ${MAX_P95_OVERHEAD_RATIO}× the direct baseline`;
  const base = { title, fullName: `${scenario} ${title}`, ancestorTitles: [scenario] };
  if (proxyP95 === undefined || directP95 === undefined || directP95 <= 0) {
    return { ...base, status: 'failed', failureMessages: [`missing ${DURATION} p(95) in a summary`] };
  }
  const ratio = proxyP95 / directP95;
  const passed = ratio <= MAX_P95_OVERHEAD_RATIO;
  return {
    ...base,
    status: passed ? 'passed' : 'failed',
    failureMessages: passed
      ? []
      : [`ratio ${ratio.toFixed(2)} (proxy ${proxyP95} ms / direct ${directP95} ms)`],
    meta: {
      ratio: Number(ratio.toFixed(3)),
      'proxy p(95)': proxyP95,
      'direct p(95)': directP95,
      ...ttfbFigures(proxied, direct),
    },
  };
}
