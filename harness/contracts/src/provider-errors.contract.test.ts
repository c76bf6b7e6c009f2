import { PROVIDERS, PROVIDER_IDS, type ProviderId, type ScenarioName } from '@switchyard/provider-fixtures';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPECTED_TEXT } from './rig/client-expectations.ts';
import { clientFrames, type Dialect, DIALECTS, DIALECT_PATH, clientRequest } from './rig/dialects.ts';
import { startContractProxy, type ContractProxy } from './rig/contract-proxy.ts';

interface HttpErrorRow {
  readonly scenario: ScenarioName;
  readonly status: number;
  /** The Anthropic error type; OpenAI dialects use invalid_request_error / authentication_error / rate_limit_error / server_error. */
  readonly anthropicType: string;
  readonly openaiType: string;
  readonly retryAfter: string | null;
}

/**
 * Upstream HTTP error → what the client sees: the upstream's real status, in the caller's error shape — except
 * a refused proxy key (401), which is the proxy's own final 502 so SDKs do not blame the client's key.
 */
const HTTP_ERRORS: readonly HttpErrorRow[] = [
  {
    scenario: 'error-400',
    status: 400,
    anthropicType: 'invalid_request_error',
    openaiType: 'invalid_request_error',
    retryAfter: null,
  },
  {
    scenario: 'error-401',
    status: 502,
    anthropicType: 'api_error',
    openaiType: 'server_error',
    retryAfter: null,
  },
  {
    scenario: 'error-404',
    status: 404,
    anthropicType: 'not_found_error',
    openaiType: 'invalid_request_error',
    retryAfter: null,
  },
  {
    scenario: 'error-429',
    status: 429,
    anthropicType: 'rate_limit_error',
    openaiType: 'rate_limit_error',
    retryAfter: '2',
  },
  {
    scenario: 'error-500',
    status: 500,
    anthropicType: 'api_error',
    openaiType: 'server_error',
    retryAfter: null,
  },
  {
    scenario: 'error-503',
    status: 503,
    anthropicType: 'overloaded_error',
    openaiType: 'server_error',
    retryAfter: '2',
  },
];
/** Anthropic's own overload status. */
const ANTHROPIC_529: HttpErrorRow = {
  scenario: 'error-529',
  status: 529,
  anthropicType: 'overloaded_error',
  openaiType: 'server_error',
  retryAfter: null,
};

function rowsFor(provider: ProviderId): readonly HttpErrorRow[] {
  return provider === 'anthropic' ? [...HTTP_ERRORS, ANTHROPIC_529] : HTTP_ERRORS;
}

const httpCases = PROVIDER_IDS.flatMap((provider) =>
  DIALECTS.flatMap((dialect) =>
    [false, true].flatMap((stream) =>
      rowsFor(provider).map((row) => ({
        provider,
        dialect,
        stream,
        row,
        mode: stream ? 'streamed' : 'not streamed',
        scenario: row.scenario,
      })),
    ),
  ),
);

const streamCases = PROVIDER_IDS.flatMap((provider) => DIALECTS.map((dialect) => ({ provider, dialect })));

// A fresh proxy per test: an upstream 401/429 puts the provider's key in cooldown (at least retry-after),
// which is right in production and would leak into the next test here.
let proxy: ContractProxy;
beforeEach(async () => {
  proxy = await startContractProxy();
});
afterEach(async () => {
  await proxy.close();
});

function send(provider: ProviderId, dialect: Dialect, stream: boolean) {
  const model = `${provider}/${PROVIDERS[provider].defaultModel}`;
  return proxy.post(DIALECT_PATH[dialect], clientRequest(dialect, { model, stream }));
}

/** The error object of either shape, checked against the dialect's exact shape. */
function expectErrorShape(dialect: Dialect, body: unknown, type: string, provider: ProviderId): void {
  if (dialect === 'anthropic-messages') {
    expect(body).toEqual({
      type: 'error',
      error: { type, message: expect.stringContaining(provider) },
      request_id: null,
    });
  } else {
    expect(body).toEqual({
      error: { message: expect.stringContaining(provider), type, param: null, code: expect.any(String) },
    });
  }
}

describe("provider errors before the first byte: status, retry-after and error shape in the caller's dialect", () => {
  it.each(httpCases)(
    'contract: $provider × $dialect × $mode — upstream $scenario',
    async ({ provider, dialect, stream, row }) => {
      proxy.useScenario(row.scenario);
      const reply = await send(provider, dialect, stream);

      expect(proxy.recorder.requests()).toHaveLength(1); // retries are off: one upstream call, no fallback
      expect(reply.status).toBe(row.status);
      expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
      expect(reply.headers.get('retry-after')).toBe(row.retryAfter);
      const type = dialect === 'anthropic-messages' ? row.anthropicType : row.openaiType;
      expectErrorShape(dialect, JSON.parse(reply.text), type, provider);
      if (row.scenario === 'error-401') {
        // The proxy's key, not the client's: the proxy's own words, final, naming the config key to fix.
        expect(reply.text).toContain(`providers.${provider}.keys`);
        for (const upstreamText of ['Incorrect API key', 'invalid x-api-key', 'API key not valid'])
          expect(reply.text).not.toContain(upstreamText);
        expect(reply.headers.get('x-should-retry')).toBe('false');
      }
    },
  );
});

describe("failures inside a 200 stream: the client gets the partial text, then its dialect's error, never a clean end", () => {
  it.each(streamCases)(
    'contract: $provider × $dialect × streamed — error event inside a 200 stream',
    async ({ provider, dialect }) => {
      proxy.useScenario('stream-error');
      const reply = await send(provider, dialect, true);
      expectStreamFailure(dialect, reply.status, reply.text, undefined);
    },
  );

  it.each(streamCases)(
    'contract: $provider × $dialect × streamed — stream cut before its terminal event',
    async ({ provider, dialect }) => {
      proxy.useScenario('stream-truncated');
      const reply = await send(provider, dialect, true);
      expectStreamFailure(dialect, reply.status, reply.text, 'stream_truncated');
    },
  );

  it.each(streamCases)(
    'contract: $provider × $dialect × not streamed — stream cut before its terminal event is a 502',
    async ({ provider, dialect }) => {
      proxy.useScenario('stream-truncated');
      const reply = await send(provider, dialect, false);
      // A non-streamed client whose upstream call streamed (or a JSON body never completed) must never get a partial success.
      expect(reply.status).toBeGreaterThanOrEqual(500);
      expect(reply.text).not.toContain(EXPECTED_TEXT);
    },
  );
});

const TERMINAL: Readonly<Record<Dialect, string>> = {
  'openai-chat': '[DONE]',
  'openai-responses': 'response.completed',
  'anthropic-messages': 'message_stop',
};

function expectStreamFailure(dialect: Dialect, status: number, text: string, code: string | undefined): void {
  expect(status).toBe(200);
  const frames = clientFrames(text);
  const events = frames.map((frame) => frame.event);
  expect(events).not.toContain(TERMINAL[dialect]);
  expect(text).toContain('"Hello"'); // the first delta reached the client before the failure
  const last = frames.at(-1);
  if (dialect === 'openai-chat') {
    expect(last?.data).toEqual({
      error: expect.objectContaining({
        type: expect.any(String),
        message: expect.any(String),
        ...(code ? { code } : {}),
      }),
    });
  } else if (dialect === 'openai-responses') {
    // A Response's error code is one of OpenAI's published ResponseErrorCode values: the proxy's own failures
    // (a cut stream among them) are `server_error`, told apart by the message.
    expect(last?.event).toBe('response.failed');
    expect(last?.data['response']).toMatchObject({
      status: 'failed',
      error: { code: expect.stringMatching(/^(server_error|rate_limit_exceeded)$/) as unknown },
    });
    if (code === 'stream_truncated') {
      expect(JSON.stringify(last?.data)).toContain('ended before its terminal event');
    }
  } else {
    expect(last?.event).toBe('error');
    expect(last?.data).toEqual({
      type: 'error',
      error: { type: expect.any(String), message: expect.any(String) },
      request_id: null,
    });
  }
}
