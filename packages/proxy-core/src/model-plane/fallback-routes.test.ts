/**
 * Fallback chains end to end through createModelPlane: a route's primary fails before the first byte and the
 * next target answers; the answer, its headers and its model name say which target served it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ProviderRegistry } from '../providers/registry.ts';
import { MockProvider } from '../providers/mock/mock-provider.ts';
import {
  startPlaneWithUpstream,
  type PlaneWithUpstream,
} from '../providers/shared/testing/plane-with-upstream.ts';
import { modelPlaneConfigSchema } from './config-schema.ts';
import { checkRoutes, fallbackHeaderTargets, routeTargets } from './routes.ts';

const OK = JSON.stringify({
  choices: [
    { index: 0, message: { role: 'assistant', content: 'from the fallback' }, finish_reason: 'stop' },
  ],
  usage: { prompt_tokens: 3, completion_tokens: 3 },
});

let rig: PlaneWithUpstream;
beforeAll(async () => {
  rig = await startPlaneWithUpstream(
    (baseUrl) => ({
      deepseek: { baseUrl: `${baseUrl}/deepseek`, keys: ['deepseek-key'] },
      kimi: { baseUrl: `${baseUrl}/kimi`, keys: ['kimi-key'] },
    }),
    {},
    { routes: { smart: ['deepseek/deepseek-chat', 'kimi/kimi-k2'] } },
  );
  rig.upstream.respond((request) =>
    request.url.startsWith('/deepseek')
      ? {
          status: 503,
          headers: { 'content-type': 'application/json' },
          chunks: ['{"error":{"message":"busy"}}'],
        }
      : { headers: { 'content-type': 'application/json' }, chunks: [OK] },
  );
});
afterAll(async () => {
  await rig.close();
});

describe('fallback chains', () => {
  it('serves a route from its next target when the primary fails, and names the one that served', async () => {
    rig.upstream.requests.length = 0;
    const reply = await rig.post('/v1/chat/completions', {
      model: 'smart',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-provider')).toBe('kimi');
    expect(reply.headers.get('x-switchyard-model')).toBe('kimi-k2');
    expect(reply.headers.get('x-switchyard-fallbacks-used')).toBe('1');
    expect(JSON.parse(reply.text)).toMatchObject({
      model: 'kimi/kimi-k2',
      choices: [{ message: { content: 'from the fallback' } }],
      usage: { prompt_tokens: 3, completion_tokens: 3 },
    });
    expect(rig.upstream.requests.map((request) => request.url.split('/')[1])).toEqual(['deepseek', 'kimi']);
    // Metrics see every target: the primary's attempts (its retries included) and that the chain moved on.
    const attempts = rig.upstream.requests.filter((request) => request.url.startsWith('/deepseek')).length;
    expect(rig.plane.observations.at(-1)?.tries).toEqual([
      { provider: 'deepseek', model: 'deepseek-chat', attempts, outcome: 'failed_over' },
      { provider: 'kimi', model: 'kimi-k2', attempts: 1, outcome: 'served' },
    ]);
  });

  it('takes extra fallbacks from the x-switchyard-fallback header, in every dialect', async () => {
    const reply = await rig.post(
      '/v1/messages',
      { model: 'deepseek/deepseek-chat', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] },
      { 'x-switchyard-fallback': 'kimi/kimi-k2' },
    );
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-provider')).toBe('kimi');
    expect(JSON.parse(reply.text)).toMatchObject({ content: [{ type: 'text', text: 'from the fallback' }] });
  });

  it('runs the same chain for a Responses WebSocket turn, and the response names the target that served', async () => {
    const ws = new WebSocket(`${rig.plane.url.replace('http', 'ws')}/v1/responses`);
    const frames: { type: string; response?: { model?: string; status?: string } }[] = [];
    const completed = new Promise<void>((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString('utf8')) as (typeof frames)[number];
        frames.push(frame);
        if (frame.type === 'response.completed' || frame.type === 'response.failed' || frame.type === 'error')
          resolve();
      });
      ws.once('error', reject);
    });
    await new Promise<void>((resolve) => ws.once('open', () => resolve()));
    ws.send(JSON.stringify({ type: 'response.create', model: 'smart', input: 'hi' }));
    await completed;
    ws.close();
    expect(frames.at(-1)).toMatchObject({ type: 'response.completed', response: { model: 'kimi/kimi-k2' } });
  });

  it('opens the primary’s circuit after repeated failures: the chain then goes straight to the fallback', async () => {
    // Earlier tests in this file already failed the primary; one more request makes sure its circuit is open.
    await rig.post('/v1/chat/completions', { model: 'smart', messages: [{ role: 'user', content: 'hi' }] });
    rig.upstream.requests.length = 0;
    const reply = await rig.post('/v1/chat/completions', {
      model: 'smart',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-provider')).toBe('kimi');
    expect(rig.upstream.requests.map((request) => request.url.split('/')[1])).toEqual(['kimi']);
    expect(rig.plane.observations.at(-1)?.tries).toEqual([
      { provider: 'deepseek', model: 'deepseek-chat', attempts: 0, outcome: 'skipped' },
      { provider: 'kimi', model: 'kimi-k2', attempts: 1, outcome: 'served' },
    ]);
    expect(rig.plane.plane.openCircuits()).toEqual(['deepseek/deepseek-chat']);
  });

  it('without a fallback, the primary’s failure is the answer', async () => {
    const reply = await rig.post('/v1/chat/completions', {
      model: 'deepseek/deepseek-chat',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(reply.status).toBe(503);
    expect(reply.headers.get('retry-after')).not.toBeNull();
    // A call that throws still reports what it tried.
    expect(rig.plane.observations.at(-1)).toMatchObject({
      status: 503,
      tries: [{ provider: 'deepseek', outcome: 'failed' }],
    });
  });
});

describe('route configuration', () => {
  it('expands a route, keeps an unrouted name as its own target and caps the chain', () => {
    const routes = { smart: ['a/x', 'b/y'] };
    expect(routeTargets(routes, 'smart', ['c/z'])).toEqual(['a/x', 'b/y', 'c/z']);
    expect(routeTargets(routes, 'a/x')).toEqual(['a/x']);
    expect(routeTargets(routes, 'constructor')).toEqual(['constructor']);
    expect(routeTargets(routes, 'toString')).toEqual(['toString']);
    expect(
      routeTargets(
        routes,
        'a/x',
        Array.from({ length: 20 }, (_, i) => `m${i}`),
      ),
    ).toHaveLength(8);
    expect(fallbackHeaderTargets(' kimi/kimi-k2 , ,qwen/qwen-max')).toEqual([
      'kimi/kimi-k2',
      'qwen/qwen-max',
    ]);
  });

  it('refuses an empty chain with a message that names the fix', () => {
    const result = modelPlaneConfigSchema.safeParse({ routes: { smart: [] } });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('at least one target');
  });

  it('refuses at startup a target no configured provider serves, naming the route, the target and the fix', () => {
    const registry = new ProviderRegistry().register(
      new MockProvider(modelPlaneConfigSchema.parse({}).providers.mock),
    );
    expect(() => checkRoutes({ smart: ['mock/mock-small', 'openai/gpt-4o'] }, registry)).toThrow(
      /modelPlane\.routes\.smart\[1\] "openai\/gpt-4o" cannot be served: .* Fix: give that provider a key/,
    );
    expect(() => checkRoutes({ smart: ['mock/mock-small'] }, registry)).not.toThrow();
  });
});
