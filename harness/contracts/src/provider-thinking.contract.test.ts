import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startContractProxy, type ContractProxy } from './rig/contract-proxy.ts';
import { DIALECT_PATH, clientRequest, type Dialect } from './rig/dialects.ts';

interface ThinkingRow {
  readonly provider: string;
  readonly dialect: Dialect;
  readonly via: string;
  /** What the client sends: the model (maybe with a `(value)` suffix) and extra body fields. */
  readonly model: string;
  readonly extra?: Readonly<Record<string, unknown>>;
  /** The thinking fields the upstream body must carry. */
  readonly upstream: Readonly<Record<string, unknown>>;
}

/** Thinking from a model suffix or a body field reaches each upstream in its own field. */
const ROWS: readonly ThinkingRow[] = [
  {
    provider: 'openai',
    dialect: 'openai-chat',
    via: 'suffix',
    model: 'openai/gpt-5(high)',
    upstream: { reasoning_effort: 'high' },
  },
  {
    provider: 'openai',
    dialect: 'openai-chat',
    via: 'body reasoning_effort',
    model: 'openai/gpt-5',
    extra: { reasoning_effort: 'low' },
    upstream: { reasoning_effort: 'low' },
  },
  {
    provider: 'openai',
    dialect: 'openai-responses',
    via: 'suffix',
    model: 'openai/gpt-5(high)',
    upstream: { reasoning: { effort: 'high' } },
  },
  {
    provider: 'openai',
    dialect: 'openai-responses',
    via: 'body reasoning.effort',
    model: 'openai/gpt-5',
    extra: { reasoning: { effort: 'medium' } },
    upstream: { reasoning: { effort: 'medium' } },
  },
  {
    provider: 'anthropic',
    dialect: 'anthropic-messages',
    via: 'suffix',
    model: 'anthropic/claude-sonnet-4-6(2048)',
    upstream: { thinking: { type: 'enabled', budget_tokens: 2048 } },
  },
  {
    provider: 'anthropic',
    dialect: 'anthropic-messages',
    via: 'body thinking',
    model: 'anthropic/claude-sonnet-4-6',
    extra: { thinking: { type: 'enabled', budget_tokens: 3000 } },
    upstream: { thinking: { type: 'enabled', budget_tokens: 3000 } },
  },
  {
    provider: 'anthropic',
    dialect: 'openai-chat',
    via: 'suffix',
    model: 'anthropic/claude-sonnet-4-6(4096)',
    upstream: { thinking: { type: 'enabled', budget_tokens: 4096 } },
  },
  {
    provider: 'gemini',
    dialect: 'openai-chat',
    via: 'suffix',
    model: 'gemini/gemini-3.8-flash(high)',
    upstream: { generationConfig: { thinkingConfig: { thinkingLevel: 'high' } } },
  },
  {
    provider: 'gemini',
    dialect: 'openai-responses',
    via: 'suffix',
    model: 'gemini/gemini-3.1-flash-lite(minimal)',
    upstream: { generationConfig: { thinkingConfig: { thinkingLevel: 'minimal' } } },
  },
  {
    provider: 'gemini',
    dialect: 'anthropic-messages',
    via: 'body thinking',
    model: 'gemini/gemini-3.8-flash',
    extra: { thinking: { type: 'enabled', budget_tokens: 2048 } },
    upstream: { generationConfig: { thinkingConfig: { thinkingLevel: 'medium' } } },
  },
  {
    provider: 'kimi',
    dialect: 'openai-chat',
    via: 'suffix',
    model: 'kimi/kimi-k2.5(high)',
    upstream: { reasoning_effort: 'high' },
  },
];

/** A thinking request to a model listed without thinking is a 400 before any upstream call. */
const REJECTED = [
  { provider: 'qwen', dialect: 'openai-chat' as const, model: 'qwen/qwen3-coder-flash(high)' },
  { provider: 'deepseek', dialect: 'anthropic-messages' as const, model: 'deepseek/deepseek-chat(2048)' },
];

let proxy: ContractProxy;
beforeAll(async () => {
  proxy = await startContractProxy();
});
afterAll(async () => {
  await proxy.close();
});
beforeEach(() => proxy.recorder.clear());

describe('thinking fields reach each upstream in its own format', () => {
  it.each(ROWS)('contract: $provider × $dialect × not streamed — thinking via $via ($model)', async (row) => {
    const reply = await proxy.post(
      DIALECT_PATH[row.dialect],
      clientRequest(row.dialect, { model: row.model, stream: false, extra: row.extra ?? {} }),
    );
    expect(reply.status).toBe(200);
    const [upstream] = proxy.recorder.requests();
    expect(upstream?.body).toMatchObject(row.upstream);
  });

  it.each(REJECTED)(
    'contract: $provider × $dialect × not streamed — thinking on a model without it is a 400 ($model)',
    async (row) => {
      const reply = await proxy.post(
        DIALECT_PATH[row.dialect],
        clientRequest(row.dialect, { model: row.model, stream: false }),
      );
      expect(reply.status).toBe(400);
      expect(reply.text.toLowerCase()).toContain('thinking');
      expect(proxy.recorder.requests()).toEqual([]);
    },
  );
});
