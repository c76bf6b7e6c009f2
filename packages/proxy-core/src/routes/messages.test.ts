import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlaneServer, withFast, type PlaneServer } from '../model-plane/testing/plane-server.ts';
import { at, jsonData, postSse } from '../model-plane/testing/sse.ts';

const ROUTE = '/v1/messages';
let server: PlaneServer;

beforeAll(async () => {
  server = await startPlaneServer(withFast());
});
afterAll(async () => {
  await server.close();
});

const hello = { model: 'mock-small', max_tokens: 100, messages: [{ role: 'user', content: 'hello' }] };

describe('POST /v1/messages (JSON)', () => {
  it('answers with an Anthropic message', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ ...hello, system: 'be brief' })
      .expect(200);
    expect(res.body).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'mock-small',
      content: [{ type: 'text' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 4, output_tokens: 4 },
    });
    expect(at(res.body, 'id')).toMatch(/^msg_/);
  });

  it('returns tool_use blocks with parsed input', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({
        ...hello,
        model: 'mock-tool-call',
        tools: [{ name: 'lookup', input_schema: { type: 'object' } }],
      })
      .expect(200);
    expect(res.body).toMatchObject({
      stop_reason: 'tool_use',
      content: [{ type: 'tool_use', name: 'lookup', input: { input: 'mock' } }],
    });
  });

  it('returns thinking blocks with their signature', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ ...hello, model: 'mock-reasoning' })
      .expect(200);
    expect(at(res.body, 'content', 0)).toEqual({
      type: 'thinking',
      thinking: 'Thinking about the question.',
      signature: 'mock-signature',
    });
  });

  it('maps max_tokens to stop_reason max_tokens', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ ...hello, max_tokens: 1 })
      .expect(200);
    expect(at(res.body, 'stop_reason')).toBe('max_tokens');
  });

  it('answers errors in the Anthropic shape naming the field', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ model: 'mock-small', messages: hello.messages })
      .expect(400);
    expect(res.body).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') },
      request_id: null,
    });
    const missing = await request(server.url)
      .post(ROUTE)
      .send({ ...hello, model: 'claude-nope' })
      .expect(404);
    expect(at(missing.body, 'error')).toMatchObject({
      type: 'not_found_error',
      message: expect.stringContaining('Available providers: mock'),
    });
  });
});

describe('POST /v1/messages (SSE)', () => {
  it('streams message_start, ping, one text block, message_delta with cumulative usage, message_stop', async () => {
    const { frames } = await postSse(`${server.url}${ROUTE}`, { ...hello, stream: true });
    expect(frames.map((frame) => frame.event)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const events = jsonData(frames);
    expect(events[0]).toMatchObject({
      message: { content: [], stop_reason: null, usage: { input_tokens: 2, output_tokens: 0 } },
    });
    expect(events[8]).toMatchObject({
      delta: { stop_reason: 'end_turn' },
      usage: { input_tokens: 2, output_tokens: 4 },
    });
  });

  it('opens one block per kind: thinking, then text', async () => {
    const { frames } = await postSse(`${server.url}${ROUTE}`, {
      ...hello,
      model: 'mock-reasoning',
      stream: true,
    });
    const starts = jsonData(frames).filter((e) => e['type'] === 'content_block_start');
    expect(starts.map((e) => [e['index'], (e['content_block'] as { type: string }).type])).toEqual([
      [0, 'thinking'],
      [1, 'text'],
    ]);
    expect(
      jsonData(frames).some((e) => (e['delta'] as { type?: string } | undefined)?.type === 'signature_delta'),
    ).toBe(true);
  });

  it('streams tool input as input_json_delta', async () => {
    const { frames } = await postSse(`${server.url}${ROUTE}`, {
      ...hello,
      model: 'mock-tool-call',
      stream: true,
      tools: [{ name: 'lookup', input_schema: {} }],
    });
    const deltas = jsonData(frames)
      .filter((e) => e['type'] === 'content_block_delta')
      .map((e) => e['delta']);
    expect(deltas).toEqual([
      { type: 'input_json_delta', partial_json: '{"input":' },
      { type: 'input_json_delta', partial_json: '"mock"}' },
    ]);
  });

  it('reports a mid-stream failure as an error event without message_stop', async () => {
    const { frames } = await postSse(`${server.url}${ROUTE}`, {
      ...hello,
      model: 'mock-fail-midstream',
      stream: true,
    });
    expect(frames.at(-1)?.event).toBe('error');
    expect(jsonData(frames).at(-1)).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: expect.any(String) },
      request_id: null,
    });
    expect(frames.some((frame) => frame.event === 'message_stop')).toBe(false);
  });

  it('reports truncation as an error event', async () => {
    const { frames } = await postSse(`${server.url}${ROUTE}`, {
      ...hello,
      model: 'mock-truncate',
      stream: true,
    });
    expect(jsonData(frames).at(-1)).toMatchObject({ type: 'error', error: { type: 'api_error' } });
  });
});
