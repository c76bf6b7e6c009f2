import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockUpstream } from '@switchyard/provider-fixtures';
import { createServer } from '@switchyard/proxy-core';
import { STREAM_INTERVAL_MS, type PerfTarget } from './scenarios.ts';

/** The cheapest default OpenAI model; the mock upstream answers any model name the same way. */
const UPSTREAM_MODEL = 'gpt-5-codex-mini';

/** What k6 needs to drive one target: URL, credentials, the streamed request and its terminal event. */
export type TargetEnv = Readonly<Record<string, string>>;

export interface PerfTargets {
  readonly env: Readonly<Record<PerfTarget, TargetEnv>>;
  close(): Promise<void>;
}

/** A key that exists only for this run (built at run time, so no fixed secret-like string is in source). */
function runKey(role: string): string {
  return ['perf', role, 'key', Date.now().toString(36)].join('-');
}

function streamedResponsesRequest(model: string): string {
  return JSON.stringify({ model, input: 'load test', stream: true });
}

/**
 * One loopback mock upstream (provider-fixtures, OpenAI Responses API, frames STREAM_INTERVAL_MS apart) and the
 * real proxy in front of it, routed there as the `openai` provider. The baseline streams straight from the
 * upstream; the proxied scenario streams the same answer through the proxy — so the ratio of the two is the
 * proxy's own cost (auth, decode, canonical events, encode, SSE writing), measured in the same run.
 */
export async function startPerfTargets(): Promise<PerfTargets> {
  const cleanups: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const upstream = await startMockUpstream({ port: 0, chunkDelayMs: STREAM_INTERVAL_MS });
    cleanups.push(() => upstream.close());
    const dataDir = await mkdtemp(join(tmpdir(), 'sy-perf-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const upstreamKey = runKey('upstream');
    const clientKey = runKey('client');
    const server = await createServer({
      server: { host: '127.0.0.1', port: 0 },
      auth: { keys: [{ id: 'perf', key: clientKey }] },
      logging: { level: 'warn' },
      controlPlane: { dataDir },
      modelPlane: {
        providers: { openai: { enabled: true, keys: [upstreamKey], baseUrl: upstream.baseUrls.openai } },
        // A retry would hide a failed upstream call inside a slower success; the load must see failures.
        retries: { maxRetries: 0 },
      },
    });
    cleanups.push(() => server.close());
    const proxyUrl = await server.listen();
    const terminal = { TERMINAL_MARKER: 'response.completed' };
    return {
      env: {
        'direct-upstream': {
          TARGET_URL: `${upstream.baseUrls.openai}/responses`,
          AUTHORIZATION: `Bearer ${upstreamKey}`,
          REQUEST_BODY: streamedResponsesRequest(UPSTREAM_MODEL),
          ...terminal,
        },
        'proxy-responses': {
          TARGET_URL: `${proxyUrl}/v1/responses`,
          AUTHORIZATION: `Bearer ${clientKey}`,
          REQUEST_BODY: streamedResponsesRequest(`openai/${UPSTREAM_MODEL}`),
          ...terminal,
        },
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
