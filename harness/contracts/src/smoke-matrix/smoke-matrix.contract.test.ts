import { describe, expect, it } from 'vitest';
import { aliasCases, cheapestCases } from './cases.ts';
import { runMatrix } from './matrix.ts';
import { startOfflineProxy } from './offline-proxy.ts';
import { writeReport } from './report.ts';
import { judgeResponse } from './run-case.ts';

describe('provider smoke matrix (offline: mock upstream on loopback + proxy-core)', () => {
  it.each([
    { name: 'cheapest', cases: cheapestCases() },
    { name: 'aliases', cases: aliasCases() },
  ])('smoke-matrix: every $name case gets a real answer with content', async ({ name, cases }) => {
    const proxy = await startOfflineProxy();
    try {
      const report = await runMatrix(
        { baseUrl: proxy.baseUrl, apiKey: proxy.apiKey, cases, timeoutMs: 10_000 },
        'offline',
      );
      writeReport(name, report); // the evidence harness/gap-report reads (this lane's own folder)
      expect(report.cases.map((entry) => [entry.id, entry.status, entry.reason])).toEqual(
        cases.map((entry) => [entry.id, 'passed', undefined]),
      );
      expect(report.passed).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it.each([
    // A refused proxy key reaches the client as the proxy's own 502 upstream_authentication_failed.
    { scenario: 'error-401', status: 502 },
    { scenario: 'error-429', status: 429 },
  ])(
    'smoke-matrix: an upstream $scenario fails every case (a refused key is never a pass)',
    async ({ scenario, status }) => {
      const proxy = await startOfflineProxy({ 'x-switchyard-scenario': scenario });
      try {
        const report = await runMatrix(
          { baseUrl: proxy.baseUrl, apiKey: proxy.apiKey, cases: cheapestCases(), timeoutMs: 10_000 },
          'offline',
        );
        expect(report.cases.map((entry) => entry.status)).toEqual(cheapestCases().map(() => 'failed'));
        expect(report.cases.every((entry) => entry.reason?.startsWith(`HTTP ${status}:`))).toBe(true);
        expect(report.passed).toBe(false);
      } finally {
        await proxy.close();
      }
    },
  );

  it('smoke-matrix: a client the proxy rejects (401, no key) fails', async () => {
    const proxy = await startOfflineProxy();
    try {
      const report = await runMatrix(
        { baseUrl: proxy.baseUrl, cases: cheapestCases().slice(0, 1), timeoutMs: 10_000 },
        'offline',
      );
      expect(report.cases[0]).toMatchObject({
        status: 'failed',
        reason: expect.stringMatching(/^HTTP 401:/),
      });
    } finally {
      await proxy.close();
    }
  });

  it('smoke-matrix: live mode marks a provider without a key "not run (no key)" and calls only the others', async () => {
    const proxy = await startOfflineProxy();
    try {
      const live = { env: { OPENAI_API_KEY: 'sk-test-live-placeholder' } };
      const report = await runMatrix(
        { baseUrl: proxy.baseUrl, apiKey: proxy.apiKey, cases: cheapestCases(), timeoutMs: 10_000, live },
        'live',
      );
      expect(report.cases.map((entry) => [entry.id, entry.status, entry.reason])).toEqual([
        ['openai', 'passed', undefined],
        ...['anthropic', 'gemini', 'kimi', 'qwen', 'deepseek'].map((id) => [
          id,
          'not-run',
          'not run (no key)',
        ]),
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('smoke-matrix: no ready proxy is an error, never a report', async () => {
    const run = runMatrix(
      { baseUrl: 'http://127.0.0.1:9', cases: cheapestCases(), timeoutMs: 1_000, readyTimeoutMs: 300 },
      'external',
    );
    await expect(run).rejects.toThrow(/readyz not ready/);
  });

  it.each([
    { what: '403', status: 403, body: { error: { message: 'forbidden' } }, verdict: 'failed' },
    { what: '401', status: 401, body: { error: { message: 'no key' } }, verdict: 'failed' },
    { what: '200 without output', status: 200, body: { output: [] }, verdict: 'failed' },
    {
      what: '200 with blank text',
      status: 200,
      body: { output: [{ content: [{ type: 'output_text', text: '  ' }] }] },
      verdict: 'failed',
    },
    {
      what: '200 with text',
      status: 200,
      body: { output: [{ content: [{ type: 'output_text', text: 'pong' }] }] },
      verdict: 'passed',
    },
    {
      what: '200 with text from another provider',
      status: 200,
      body: { output: [{ content: [{ type: 'output_text', text: 'pong' }] }] },
      routed: 'mock',
      verdict: 'failed',
    },
    {
      what: '200 with text and no routed provider named',
      status: 200,
      body: { output: [{ content: [{ type: 'output_text', text: 'pong' }] }] },
      routed: null,
      verdict: 'failed',
    },
  ])('smoke-matrix: judges $what as $verdict', ({ status, body, verdict, ...rest }) => {
    const routed = 'routed' in rest ? rest.routed : 'openai';
    expect(judgeResponse(status, body, 'openai', routed).status).toBe(verdict);
  });
});
