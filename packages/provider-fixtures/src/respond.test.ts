import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { toFixtureRequest } from './request.ts';
import { FIXTURE_REJECTION_HEADER, SCENARIO_SERVED_HEADER, respond } from './respond.ts';
import { CHUNK_DELAY_HEADER, SCENARIO_HEADER } from './scenarios.ts';
import { TEST_KEY, exchange } from './test-support.ts';

const post = (url: string, headers: Record<string, string>, bodyText = '{}') =>
  toFixtureRequest({ method: 'POST', url, headers, bodyText });

describe('respond: scenario selection', () => {
  it('infers plain or streamed from the body stream flag when no scenario header is sent', async () => {
    expect((await exchange('openai', { api: 'openai-chat' })).headers[SCENARIO_SERVED_HEADER]).toBe('plain');
    expect(
      (await exchange('openai', { api: 'openai-chat', stream: true })).headers[SCENARIO_SERVED_HEADER],
    ).toBe('streamed');
  });

  it('infers streaming for Gemini from the endpoint, not the body', async () => {
    const streamed = await exchange('gemini', { stream: true, body: { stream: false } });
    expect(streamed.headers[SCENARIO_SERVED_HEADER]).toBe('streamed');
    const plain = await exchange('gemini', { body: { stream: true } });
    expect(plain.headers[SCENARIO_SERVED_HEADER]).toBe('plain');
  });

  it('rejects an unknown scenario name with a 400 that lists the known ones', async () => {
    const response = await exchange('openai', { headers: { [SCENARIO_HEADER]: 'error-529' } });
    expect(response.status).toBe(400);
    expect(response.headers[FIXTURE_REJECTION_HEADER]).toBe('true');
    expect(response.text).toContain('stream-truncated');
  });

  it('paces streamed frames by the chunk delay header and stops when the signal aborts', async () => {
    const request = post(
      'https://x.test/v1/chat/completions',
      { authorization: `Bearer ${TEST_KEY}`, [CHUNK_DELAY_HEADER]: '10000' },
      '{"stream":true}',
    );
    const clientGone = new AbortController();
    const { body } = respond('kimi', request, { signal: clientGone.signal, chunkDelayMs: 0 });
    if (typeof body === 'string') throw new Error('expected a streamed body');
    const frames = body[Symbol.asyncIterator]();
    expect((await frames.next()).done).toBe(false);
    // The second frame is 10 s away: a short wait must win the race, whatever the machine's speed.
    const second = frames.next();
    const waited = await Promise.race([second.then(() => 'frame'), sleep(50).then(() => 'waited')]);
    expect(waited).toBe('waited');
    clientGone.abort();
    expect(await second).toEqual({ done: true, value: undefined });
  });
});

describe('respond: requests the real provider would refuse', () => {
  it.each([
    ['openai', 'https://api.openai.com/v1/responses', { 'x-api-key': TEST_KEY }],
    ['openai', 'https://api.openai.com/v1/responses', { authorization: TEST_KEY }],
    [
      'anthropic',
      'https://api.anthropic.com/v1/messages',
      { authorization: `Bearer ${TEST_KEY}`, 'anthropic-version': '2023-06-01' },
    ],
    ['gemini', `https://g.test/v1beta/models/gemini-2.5-flash:generateContent?key=${TEST_KEY}`, {}],
  ] as const)('%s without its key in its own header → 401 (%s)', (provider, url, headers) => {
    const response = respond(provider, post(url, headers));
    expect(response.status).toBe(401);
    expect(response.headers[FIXTURE_REJECTION_HEADER]).toBe('true');
  });

  it('requires anthropic-version on Anthropic requests', () => {
    const response = respond(
      'anthropic',
      post('https://api.anthropic.com/v1/messages', { 'x-api-key': TEST_KEY }),
    );
    expect(response.status).toBe(400);
    expect(response.body).toContain('anthropic-version');
  });

  it('answers a body that is not JSON with a 400', () => {
    const response = respond(
      'deepseek',
      post('https://x.test/v1/chat/completions', { authorization: `Bearer ${TEST_KEY}` }, '{oops'),
    );
    expect(response.status).toBe(400);
  });

  it('answers an endpoint the provider does not have with a 404', () => {
    const auth = { authorization: `Bearer ${TEST_KEY}` };
    expect(respond('kimi', post('https://x.test/v1/responses', auth)).status).toBe(404);
    expect(respond('qwen', post('https://x.test/v1/chat/completions', auth)).status).toBe(404);
    expect(respond('qwen', post('https://x.test/compatible-mode/v1/chat/completions', auth)).status).toBe(
      200,
    );
  });
});
