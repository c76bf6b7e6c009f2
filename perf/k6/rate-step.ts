// One step of the throughput frontier (and the soak's steady load): non-streamed Chat Completions POSTs
// at a constant arrival rate (RATE per second for STEP_DURATION), so latency is measured under an offered
// load instead of a closed loop that slows down with the server. No thresholds: the runner reads p99,
// the error rate and the achieved rate from the summary export and decides the frontier itself.
import http from 'k6/http';
import type { Options } from 'k6/options';

const target = __ENV['TARGET_URL'] ?? 'http://127.0.0.1:8317/v1/chat/completions';
const requestBody = __ENV['REQUEST_BODY'] ?? '{}';
const authorization = __ENV['AUTHORIZATION'] ?? '';
// Every header of the target as JSON (a peer gateway routes by headers such as `x-portkey-provider`).
const extraHeaders = JSON.parse(__ENV['REQUEST_HEADERS'] ?? '{}') as Record<string, string>;
const rate = Number(__ENV['RATE'] ?? '100');

export const options: Options = {
  discardResponseBodies: true,
  scenarios: {
    step: {
      executor: 'constant-arrival-rate',
      rate,
      timeUnit: '1s',
      duration: __ENV['STEP_DURATION'] ?? '2s',
      // Enough VUs for ~50 ms of queueing at this rate; beyond that the step counts as not sustained.
      preAllocatedVUs: Math.max(4, Math.ceil(rate / 50)),
      maxVUs: Math.max(16, Math.ceil(rate / 10)),
      gracefulStop: '2s',
    },
  },
  summaryTrendStats: ['med', 'p(95)', 'p(99)', 'max'],
};

const params = {
  headers: { 'content-type': 'application/json', authorization, ...extraHeaders },
  timeout: '5s',
};

export default function step(): void {
  http.post(target, requestBody, params);
}
