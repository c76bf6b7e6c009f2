import { PROVIDERS, PROVIDER_IDS } from '@switchyard/provider-fixtures';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startContractProxy, type ContractProxy } from './rig/contract-proxy.ts';
import { DIALECTS, DIALECT_PATH, clientRequest } from './rig/dialects.ts';
import { CLIENT_KEY, CLIENT_PRINCIPAL } from './rig/proxy-config.ts';
import {
  FORWARDS_IDEMPOTENCY_KEY,
  expectedUpstreamHeaders,
  expectedUpstreamIdempotencyKey,
  proxyChosenHeaders,
} from './rig/upstream-expectations.ts';

const cases = PROVIDER_IDS.flatMap((provider) =>
  DIALECTS.map((dialect) => ({
    provider,
    dialect,
    forwarded: FORWARDS_IDEMPOTENCY_KEY[provider] ? 'forwarded' : 'not forwarded',
  })),
);

let proxy: ContractProxy;
beforeAll(async () => {
  proxy = await startContractProxy();
});
afterAll(async () => {
  await proxy.close();
});
beforeEach(() => proxy.recorder.clear());

describe('request execution metadata upstream: Idempotency-Key where accepted, never the principal or the client key', () => {
  it.each(cases)(
    'contract: $provider × $dialect × not streamed — Idempotency-Key $forwarded, metadata never leaks',
    async ({ provider, dialect }) => {
      const idempotencyKey = `idem-${provider}-${dialect}`;
      const body = clientRequest(dialect, {
        model: `${provider}/${PROVIDERS[provider].defaultModel}`,
        stream: false,
      });
      const reply = await proxy.post(DIALECT_PATH[dialect], body, {
        'idempotency-key': idempotencyKey,
        'x-api-key': CLIENT_KEY,
        'x-session-id': 'session-contract-1',
      });
      expect(reply.status).toBe(200);

      const [upstream] = proxy.recorder.requests();
      expect(upstream && proxyChosenHeaders(upstream)).toEqual(
        expectedUpstreamHeaders(provider, false, idempotencyKey),
      );
      const everything =
        JSON.stringify(upstream?.headers) + (upstream?.bodyText ?? '') + (upstream?.url ?? '');
      expect(everything).not.toContain(CLIENT_KEY);
      expect(everything).not.toContain(CLIENT_PRINCIPAL);
      expect(everything).not.toContain('session-contract-1');
      // Upstream sees the principal-scoped derivation where it takes a key, and the raw client value nowhere.
      expect(everything).not.toContain(idempotencyKey);
      expect(everything.includes(expectedUpstreamIdempotencyKey(idempotencyKey))).toBe(
        FORWARDS_IDEMPOTENCY_KEY[provider],
      );
    },
  );
});
