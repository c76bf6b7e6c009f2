// Streams SSE responses from TARGET_URL with a bounded number of VUs for a bounded time, and fails
// (exit 99) when p(95)/p(99) of time-to-first-byte or whole-stream duration cross the thresholds.
// k6 buffers HTTP bodies, so http_req_waiting is the time to the first flushed chunk (TTFB).
import http from 'k6/http';
import { check } from 'k6';
import type { Options } from 'k6/options';

const target = __ENV['TARGET_URL'] ?? 'http://127.0.0.1:8317/stream';
// What to POST and which text marks a complete stream: `data: [DONE]` for chat-style SSE,
// `response.completed` for the Responses API.
const requestBody = __ENV['REQUEST_BODY'] ?? JSON.stringify({ stream: true });
const terminalMarker = __ENV['TERMINAL_MARKER'] ?? 'data: [DONE]';
const authorization = __ENV['AUTHORIZATION'];
const ttfbP95 = __ENV['TTFB_P95_MS'] ?? '250';
const ttfbP99 = __ENV['TTFB_P99_MS'] ?? '500';
const durationP95 = __ENV['DURATION_P95_MS'] ?? '1000';
const durationP99 = __ENV['DURATION_P99_MS'] ?? '2000';

export const options: Options = {
  scenarios: {
    fanout: {
      executor: 'constant-vus',
      vus: Number(__ENV['VUS'] ?? '10'),
      duration: __ENV['LOAD_DURATION'] ?? '5s',
      gracefulStop: '5s',
    },
  },
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
  thresholds: {
    http_req_failed: ['rate<0.01'],
    checks: ['rate>0.99'],
    'http_req_waiting{scenario:fanout}': [`p(95)<${ttfbP95}`, `p(99)<${ttfbP99}`],
    'http_req_duration{scenario:fanout}': [`p(95)<${durationP95}`, `p(99)<${durationP99}`],
  },
};

export default function stream(): void {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
  if (authorization !== undefined) headers['authorization'] = authorization;
  const response = http.post(target, requestBody, { headers });
  check(response, {
    'status is 200': (r) => r.status === 200,
    'stream reached its terminal event': (r) => typeof r.body === 'string' && r.body.includes(terminalMarker),
  });
}
