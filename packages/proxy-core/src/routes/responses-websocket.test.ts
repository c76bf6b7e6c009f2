import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { at } from '../model-plane/testing/sse.ts';
import { startPlaneServer, withFast, type PlaneServer } from '../model-plane/testing/plane-server.ts';
import { FINISH, START, ScriptedProvider, TEXT } from '../streaming/testing-providers.ts';

let server: PlaneServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Frame = Record<string, unknown> & { type: string };

/** A ws client that queues every JSON message it receives. */
async function connect(
  url: string,
): Promise<{ ws: WebSocket; next: () => Promise<Frame>; untilTerminal: () => Promise<Frame[]> }> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/responses`);
  const queue: Frame[] = [];
  const waiters: ((frame: Frame) => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString('utf8')) as Frame;
    const waiter = waiters.shift();
    if (waiter === undefined) queue.push(frame);
    else waiter(frame);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = (): Promise<Frame> => {
    const queued = queue.shift();
    return queued === undefined ? new Promise((resolve) => waiters.push(resolve)) : Promise.resolve(queued);
  };
  const untilTerminal = async (): Promise<Frame[]> => {
    const frames: Frame[] = [];
    for (;;) {
      const frame = await next();
      frames.push(frame);
      if (['response.completed', 'response.failed', 'response.incomplete', 'error'].includes(frame.type))
        return frames;
    }
  };
  return { ws, next, untilTerminal };
}

function send(ws: WebSocket, frame: Record<string, unknown>): void {
  ws.send(JSON.stringify(frame));
}

function responseOf(frame: Frame | undefined): {
  id: string;
  output: unknown[];
  usage: { input_tokens: number };
} {
  return frame?.['response'] as { id: string; output: unknown[]; usage: { input_tokens: number } };
}

describe('GET /v1/responses WebSocket mode', () => {
  it('answers a plain GET without upgrade with 426 in the OpenAI shape', async () => {
    server = await startPlaneServer(withFast());
    const res = await request(server.url).get('/v1/responses').expect(426);
    expect(res.headers['upgrade']).toBe('websocket');
    expect(at(res.body, 'error')).toMatchObject({ code: 'upgrade_required', type: 'invalid_request_error' });
  });

  it('streams response.create as JSON messages and continues from the connection-local cache', async () => {
    server = await startPlaneServer(withFast());
    const { ws, untilTerminal } = await connect(server.url);
    send(ws, { type: 'response.create', model: 'mock-small', input: 'hello', stream: true });
    const first = await untilTerminal();
    expect(first.map((f) => f.type)).toEqual([
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
    expect(first.map((f) => f['sequence_number'])).toEqual(first.map((_, i) => i));
    const firstResponse = responseOf(first.at(-1));

    send(ws, {
      type: 'response.create',
      model: 'mock-small',
      previous_response_id: firstResponse.id,
      input: [{ role: 'user', content: 'more' }],
    });
    const second = await untilTerminal();
    const secondResponse = responseOf(second.at(-1));
    expect(second.at(-1)?.type).toBe('response.completed');
    // The continuation carried the earlier turn: more prompt tokens than the new input alone.
    expect(secondResponse.usage.input_tokens).toBeGreaterThan(firstResponse.usage.input_tokens);
    ws.close();
  });

  it('sends previous_response_not_found for an unknown id and keeps the socket open', async () => {
    server = await startPlaneServer(withFast());
    const { ws, next, untilTerminal } = await connect(server.url);
    send(ws, {
      type: 'response.create',
      model: 'mock-small',
      previous_response_id: 'resp_unknown',
      input: [],
    });
    expect(await next()).toEqual({
      type: 'error',
      status: 400,
      error: expect.objectContaining({ code: 'previous_response_not_found', param: 'previous_response_id' }),
    });
    send(ws, { type: 'nonsense' });
    expect(await next()).toMatchObject({
      type: 'error',
      status: 400,
      error: { code: 'unsupported_event_type' },
    });
    ws.send('not json');
    expect(await next()).toMatchObject({ type: 'error', error: { code: 'invalid_json' } });
    send(ws, { type: 'response.create', model: 'no-such-model', input: 'x' });
    expect(await next()).toMatchObject({ type: 'error', status: 404, error: { code: 'model_not_found' } });
    send(ws, { type: 'response.create', model: 'mock-small', input: 'still here' });
    expect((await untilTerminal()).at(-1)?.type).toBe('response.completed');
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('accepts response.append after a create, inheriting the model', async () => {
    server = await startPlaneServer(withFast());
    const { ws, next, untilTerminal } = await connect(server.url);
    send(ws, { type: 'response.append', input: [] });
    expect(await next()).toMatchObject({
      type: 'error',
      status: 400,
      error: { code: 'missing_response_create' },
    });
    send(ws, { type: 'response.create', model: 'mock-small', input: 'hello' });
    await untilTerminal();
    send(ws, { type: 'response.append', input: 'not an array' });
    expect(await next()).toMatchObject({ type: 'error', error: { param: 'input' } });
    send(ws, { type: 'response.append', input: [{ role: 'user', content: 'next' }] });
    const frames = await untilTerminal();
    expect(frames.at(-1)).toMatchObject({ type: 'response.completed', response: { model: 'mock-small' } });
    ws.close();
  });

  it('answers a generate:false warm-up with an id and no output', async () => {
    server = await startPlaneServer(withFast());
    const { ws, untilTerminal } = await connect(server.url);
    send(ws, { type: 'response.create', model: 'mock-small', input: 'warm', generate: false });
    const frames = await untilTerminal();
    expect(frames.map((f) => f.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.completed',
    ]);
    expect(responseOf(frames.at(-1)).output).toEqual([]);
    ws.close();
  });

  it("answers Codex's warm-up (developer item only, generate:false) without a provider call, and every continuation keeps the chain's developer items as the system prompt", async () => {
    const provider = new ScriptedProvider('scripted', () => [START, TEXT, FINISH]);
    server = await startPlaneServer(withFast(), { providers: [provider] });
    const { ws, untilTerminal } = await connect(server.url);
    const developer = { type: 'message', role: 'developer', content: 'You are a coding agent.' };
    const user = (text: string) => ({ type: 'message', role: 'user', content: text });
    send(ws, { type: 'response.create', model: 'scripted/scripted', input: [developer], generate: false });
    const warmUp = await untilTerminal();
    expect(warmUp.at(-1)?.type).toBe('response.completed');
    expect(responseOf(warmUp.at(-1)).output).toEqual([]);
    expect(provider.requests).toHaveLength(0);
    let previous = responseOf(warmUp.at(-1)).id;
    for (const text of ['first', 'second']) {
      send(ws, {
        type: 'response.create',
        model: 'scripted/scripted',
        input: [user(text)],
        previous_response_id: previous,
        instructions: `turn ${text}`,
      });
      const frames = await untilTerminal();
      expect(frames.at(-1)?.type).toBe('response.completed');
      previous = responseOf(frames.at(-1)).id;
    }
    // `instructions` apply to their own response only; developer input items belong to the conversation.
    expect(provider.requests.map((request) => request.system.map((part) => part.text))).toEqual([
      ['turn first', 'You are a coding agent.'],
      ['turn second', 'You are a coding agent.'],
    ]);
    expect(provider.requests[1]?.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
    ]);
    ws.close();
  });

  it('tells a WebSocket client what an HTTP client reads in x-switchyard-* headers, in the Response metadata', async () => {
    const provider = new ScriptedProvider('scripted', () => [START, TEXT, FINISH]);
    server = await startPlaneServer(withFast(), { providers: [provider] });
    // A hosted tool this provider cannot run is a hint: dropped, and named.
    const body = {
      model: 'scripted/scripted',
      input: 'hi',
      tools: [{ type: 'web_search' }],
      metadata: { ticket: 'T-1' },
    };
    const http = await request(server.url).post('/v1/responses').send(body).expect(200);
    const { ws, untilTerminal } = await connect(server.url);
    send(ws, { type: 'response.create', ...body });
    const frames = await untilTerminal();
    const expected = {
      ticket: 'T-1',
      'x-switchyard-provider': http.headers['x-switchyard-provider'],
      'x-switchyard-model': http.headers['x-switchyard-model'],
      'x-switchyard-dropped': http.headers['x-switchyard-dropped'],
    };
    expect(expected['x-switchyard-dropped']).toBe('web_search');
    // The first event already says it, and every event carrying the Response agrees.
    expect(frames[0]).toMatchObject({ type: 'response.created', response: { metadata: expected } });
    expect(frames.at(-1)).toMatchObject({ type: 'response.completed', response: { metadata: expected } });
    ws.close();
  });

  it('keeps the signature of streamed reasoning in the connection history, so a continuation replays it', async () => {
    const provider = new ScriptedProvider('scripted', () => [
      START,
      { type: 'reasoning-delta', id: 'r', delta: 'Read it.' },
      { type: 'reasoning-end', id: 'r', metadata: { signature: 'sig-1' } },
      { type: 'tool-input-start', id: 't', toolCallId: 'c1', toolName: 'exec_command' },
      { type: 'tool-input-delta', id: 't', delta: '{}' },
      FINISH,
    ]);
    server = await startPlaneServer(withFast(), { providers: [provider] });
    const { ws, untilTerminal } = await connect(server.url);
    send(ws, { type: 'response.create', model: 'scripted/scripted', input: 'go' });
    const first = await untilTerminal();
    expect(responseOf(first.at(-1)).output[0]).toMatchObject({
      type: 'reasoning',
      encrypted_content: 'switchyard.v1.signature.sig-1',
    });
    send(ws, {
      type: 'response.create',
      model: 'scripted/scripted',
      previous_response_id: responseOf(first.at(-1)).id,
      input: [{ type: 'function_call_output', call_id: 'c1', output: 'ok' }],
    });
    await untilTerminal();
    expect(provider.requests[1]?.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Read it.', signature: 'sig-1' },
        { type: 'tool_call', id: 'c1', name: 'exec_command', arguments: '{}' },
      ],
    });
    ws.close();
  });

  it('reports a failed stream as response.failed and evicts the continued response', async () => {
    server = await startPlaneServer(withFast());
    const { ws, next, untilTerminal } = await connect(server.url);
    send(ws, { type: 'response.create', model: 'mock-small', input: 'hello' });
    const id = responseOf((await untilTerminal()).at(-1)).id;
    send(ws, { type: 'response.create', model: 'mock-fail-midstream', previous_response_id: id, input: [] });
    expect((await untilTerminal()).at(-1)).toMatchObject({ type: 'response.failed' });
    send(ws, { type: 'response.create', model: 'mock-small', previous_response_id: id, input: [] });
    expect(await next()).toMatchObject({ type: 'error', error: { code: 'previous_response_not_found' } });
    ws.close();
  });

  it('closes with 1001 after the connection lifetime, with an error frame first', async () => {
    server = await startPlaneServer(withFast({ websocket: { connectionLifetimeMs: 50 } }));
    const { ws, next } = await connect(server.url);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    expect(await next()).toMatchObject({
      type: 'error',
      error: { code: 'websocket_connection_limit_reached' },
    });
    expect(await closed).toEqual({ code: 1001, reason: 'websocket_connection_limit_reached' });
  });

  it('closes open connections with 1001 on shutdown', async () => {
    server = await startPlaneServer(withFast());
    const { ws } = await connect(server.url);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await server.plane.close();
    expect(await closed).toBe(1001);
  });

  it('routes upgrades through fastify hooks, which can reject them', async () => {
    server = await startPlaneServer(withFast(), {}, (app) => {
      app.addHook('onRequest', async (req, reply) => {
        if (req.headers.origin === 'https://evil.example') await reply.code(403).send({ error: 'origin' });
      });
    });
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v1/responses`, {
      origin: 'https://evil.example',
    });
    const status = await new Promise<number | undefined>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.on('error', () => resolve(undefined));
    });
    expect(status).toBe(403);
  });
});
