import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlaneServer, withFast, type PlaneServer } from '../model-plane/testing/plane-server.ts';
import { at, jsonData, postSse } from '../model-plane/testing/sse.ts';

const ROUTE = '/v1/responses';
let server: PlaneServer;

beforeAll(async () => {
  server = await startPlaneServer(withFast());
});
afterAll(async () => {
  await server.close();
});

const hello = { model: 'mock-small', input: 'hello', instructions: 'be brief' };

describe('POST /v1/responses (JSON)', () => {
  it('answers with a response object, echoing settings, with usage', async () => {
    const res = await request(server.url).post(ROUTE).send(hello).expect(200);
    expect(res.body).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'mock-small',
      instructions: 'be brief',
      output: [
        { type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text' }] },
      ],
      usage: {
        input_tokens: 4,
        output_tokens: 4,
        total_tokens: 8,
        output_tokens_details: { reasoning_tokens: 0 },
      },
    });
    expect(at(res.body, 'id')).toMatch(/^resp_/);
  });

  it('reports reasoning and function calls as output items', async () => {
    const reasoning = await request(server.url)
      .post(ROUTE)
      .send({ ...hello, model: 'mock-reasoning' })
      .expect(200);
    expect((at(reasoning.body, 'output') as { type: string }[]).map((item) => item.type)).toEqual([
      'reasoning',
      'message',
    ]);
    expect(at(reasoning.body, 'usage', 'output_tokens_details', 'reasoning_tokens')).toBe(2);
    const call = await request(server.url)
      .post(ROUTE)
      .send({
        ...hello,
        model: 'mock-tool-call',
        tools: [{ type: 'function', name: 'lookup', parameters: { type: 'object' } }],
      })
      .expect(200);
    expect(at(call.body, 'output')).toEqual([
      expect.objectContaining({
        type: 'function_call',
        call_id: 'call_mock_lookup',
        name: 'lookup',
        arguments: '{"input":"mock"}',
      }),
    ]);
  });

  it('is incomplete when max_output_tokens is reached', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ ...hello, max_output_tokens: 1 })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    });
  });

  it('accepts item-list input with tool results', async () => {
    await request(server.url)
      .post(ROUTE)
      .send({
        model: 'mock-small',
        input: [
          { role: 'developer', content: 'rules' },
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
          { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
          { type: 'function_call_output', call_id: 'c1', output: 'ok' },
        ],
      })
      .expect(200);
  });

  it('names the invalid field in a 400', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ model: 'mock-small', input: 'x', temperature: 9 })
      .expect(400);
    expect(at(res.body, 'error')).toMatchObject({ param: 'temperature', type: 'invalid_request_error' });
  });

  it('keeps no state over HTTP: previous_response_id is not found', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ ...hello, previous_response_id: 'resp_x' })
      .expect(400);
    expect(at(res.body, 'error')).toMatchObject({
      code: 'previous_response_not_found',
      param: 'previous_response_id',
    });
  });

  it('rejects background mode', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ ...hello, background: true })
      .expect(400);
    expect(at(res.body, 'error', 'param')).toBe('background');
  });

  it('refuses structured output it cannot carry, and accepts what Codex sends on every call', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ ...hello, text: { format: { type: 'json_schema', name: 'x', schema: {} } } })
      .expect(400);
    expect(at(res.body, 'error')).toMatchObject({ param: 'text.format', code: 'unsupported_parameter' });
    await request(server.url)
      .post(ROUTE)
      .send({
        ...hello,
        store: false,
        include: ['reasoning.encrypted_content'],
        prompt_cache_key: 'codex-session-1',
        text: { verbosity: 'low', format: { type: 'text' } },
      })
      .expect(200);
  });
});

describe('POST /v1/responses (SSE)', () => {
  it('streams the full lifecycle with increasing sequence numbers', async () => {
    const { frames } = await postSse(`${server.url}${ROUTE}`, { ...hello, stream: true });
    const events = jsonData(frames);
    const types = events.map((event) => event['type']);
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(frames.map((frame) => frame.event)).toEqual(types);
    expect(events.map((event) => event['sequence_number'])).toEqual(types.map((_, i) => i));
    expect(events.at(-1)).toMatchObject({ response: { status: 'completed', usage: { total_tokens: 8 } } });
    expect(frames.some((frame) => frame.data === '[DONE]')).toBe(false);
  });

  it('streams reasoning then a message, and tool calls with argument deltas', async () => {
    const reasoning = jsonData(
      (await postSse(`${server.url}${ROUTE}`, { ...hello, model: 'mock-reasoning', stream: true })).frames,
    );
    expect(reasoning.map((e) => e['type']).slice(2, 9)).toEqual([
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
    ]);
    const tool = jsonData(
      (
        await postSse(`${server.url}${ROUTE}`, {
          ...hello,
          model: 'mock-tool-call',
          stream: true,
          tools: [{ type: 'function', name: 'f' }],
        })
      ).frames,
    );
    expect(tool.map((e) => e['type']).slice(2)).toEqual([
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
  });

  it('ends a failing stream with response.failed carrying the error', async () => {
    const events = jsonData(
      (await postSse(`${server.url}${ROUTE}`, { ...hello, model: 'mock-fail-midstream', stream: true }))
        .frames,
    );
    expect(events.at(-1)).toMatchObject({
      type: 'response.failed',
      response: {
        status: 'failed',
        // OpenAI's published ResponseErrorCode list has no overload code: the proxy's own code is a server_error.
        error: { code: 'server_error', message: 'The mock upstream failed mid-stream.' },
        output: [{ status: 'incomplete' }],
      },
    });
    expect(events.some((event) => event['type'] === 'response.completed')).toBe(false);
  });

  it('never completes a truncated stream', async () => {
    const events = jsonData(
      (await postSse(`${server.url}${ROUTE}`, { ...hello, model: 'mock-truncate', stream: true })).frames,
    );
    expect(events.at(-1)).toMatchObject({
      type: 'response.failed',
      response: {
        error: { code: 'server_error', message: expect.stringContaining('ended before its terminal event') },
      },
    });
  });
});
