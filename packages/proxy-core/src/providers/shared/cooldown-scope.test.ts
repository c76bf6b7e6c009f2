/**
 * Issue 10's measured stall, end to end through createModelPlane: one 429 with `Retry-After: 2` on one model
 * put the provider's only key into a 30 s cooldown that every model then waited out in silence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlaneWithUpstream, type PlaneWithUpstream } from './testing/plane-with-upstream.ts';

let rig: PlaneWithUpstream;
beforeAll(async () => {
  rig = await startPlaneWithUpstream((baseUrl) => ({ deepseek: { baseUrl, keys: ['deepseek-only-key'] } }));
  rig.upstream.respond((request) => {
    const { model } = (request.body ?? {}) as { model?: string };
    if (model === 'deepseek-limited') {
      return {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '2' },
        chunks: ['{"error":{"message":"Rate limit reached","code":"rate_limit_exceeded"}}'],
      };
    }
    return {
      headers: { 'content-type': 'application/json' },
      chunks: [
        JSON.stringify({
          choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1 },
        }),
      ],
    };
  });
});
afterAll(async () => {
  await rig.close();
});

const chat = (model: string) =>
  rig.post('/v1/chat/completions', {
    model: `deepseek/${model}`,
    messages: [{ role: 'user', content: 'hi' }],
  });

describe('key cooldowns are scoped to the model that was limited', () => {
  it('a 429 with Retry-After: 2 on one model never holds back another model of the same provider', async () => {
    const limited = await chat('deepseek-limited');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    const other = await chat('deepseek-other');
    expect(other.status).toBe(200);
    expect(rig.upstream.requests.map((request) => (request.body as { model: string }).model)).toEqual([
      'deepseek-limited',
      'deepseek-other',
    ]);
    // The limited model itself answers at once with the wait left, without calling the upstream again.
    const again = await chat('deepseek-limited');
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(rig.upstream.requests).toHaveLength(2);
  });
});
