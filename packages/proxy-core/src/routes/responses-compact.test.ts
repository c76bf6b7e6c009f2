import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCompaction } from '../dialects/openai-responses/compaction-token.ts';
import WebSocket from 'ws';
import {
  CLIENT_KEY,
  clientKeyNeverSent,
  startPlaneWithUpstream,
  type PlaneWithUpstream,
} from '../providers/shared/testing/plane-with-upstream.ts';
import {
  sse,
  type RecordedRequest,
  type ScriptedResponse,
} from '../providers/shared/testing/loopback-upstream.ts';

const ROUTE = '/v1/responses/compact';
const CLAUDE = 'anthropic/claude-sonnet-4-5';
const GPT = 'openai/gpt-5';
const SUMMARY =
  'The user is fixing the parser; lookup({"q":"grammar"}) found rule 7 broken. Next: patch rule 7.';

/** SUMMARY as it reads inside a JSON string. */
const AS_JSON_TEXT = JSON.stringify(SUMMARY).slice(1, -1);

/** An OpenAI compaction as its API answers one: user messages, then its opaque state. */
const OPENAI_COMPACTED = {
  id: 'resp_openai_1',
  object: 'response.compaction',
  created_at: 1,
  output: [
    {
      id: 'msg_1',
      type: 'message',
      status: 'completed',
      role: 'user',
      content: [{ type: 'input_text', text: 'fix the parser' }],
    },
    { id: 'cmp_1', type: 'compaction', encrypted_content: 'gAAAA-openai-opaque-state' },
  ],
  usage: { input_tokens: 40, output_tokens: 9, total_tokens: 49 },
};

let rig: PlaneWithUpstream;
type Frame = { type: string } & Record<string, unknown>;

const ANTHROPIC_STREAM =
  sse.event('message_start', { message: { content: [], usage: { input_tokens: 9, output_tokens: 1 } } }) +
  sse.event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }) +
  sse.event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Patched.' } }) +
  sse.event('content_block_stop', { index: 0 }) +
  sse.event('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } }) +
  sse.event('message_stop', {});

/** Anthropic answers every /messages call with SUMMARY; OpenAI's /responses/compact with OPENAI_COMPACTED. */
function answer(request: RecordedRequest): ScriptedResponse {
  if (request.url.endsWith('/responses/compact')) return { chunks: [JSON.stringify(OPENAI_COMPACTED)] };
  if (request.url.endsWith('/messages') && (request.body as { stream?: unknown }).stream === true) {
    return { headers: { 'content-type': 'text/event-stream' }, chunks: [ANTHROPIC_STREAM] };
  }
  if (request.url.endsWith('/messages')) {
    return {
      chunks: [
        JSON.stringify({
          type: 'message',
          role: 'assistant',
          content: [{ type: 'text', text: SUMMARY }],
          stop_reason: 'end_turn',
          usage: { input_tokens: 120, output_tokens: 30 },
        }),
      ],
    };
  }
  return { status: 500, chunks: ['{"error":{"message":"unexpected path"}}'] };
}

beforeAll(async () => {
  rig = await startPlaneWithUpstream((baseUrl) => ({
    anthropic: { baseUrl: `${baseUrl}/v1`, keys: ['ak-upstream'] },
    openai: { baseUrl: `${baseUrl}/v1`, keys: ['sk-upstream'] },
  }));
  rig.upstream.respond(answer);
});
afterAll(async () => {
  await rig.close();
});

/** A conversation with a tool round trip, as Codex sends it. */
const conversation = [
  { role: 'developer', content: 'You are a careful engineer.' },
  { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'fix the parser' }] },
  { type: 'function_call', call_id: 'call_1', name: 'lookup', arguments: '{"q":"grammar"}' },
  { type: 'function_call_output', call_id: 'call_1', output: 'rule 7 is broken' },
  { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Rule 7 is the culprit.' }] },
  { role: 'user', content: 'go on' },
];

async function compact(
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const reply = await rig.post(ROUTE, body);
  return {
    status: reply.status,
    json: JSON.parse(reply.text) as Record<string, unknown>,
    headers: reply.headers,
  };
}

/** The conversation compacted on `model`, which the routing headers say `provider` served. */
async function compactedBy(model: string, provider: string): Promise<Record<string, unknown>> {
  const { status, json, headers } = await compact({ model, input: conversation, instructions: 'be brief' });
  expect(status).toBe(200);
  expect(headers.get('x-switchyard-provider')).toBe(provider);
  return json;
}

function lastRequest(): RecordedRequest {
  const request = rig.upstream.requests.at(-1);
  if (request === undefined) throw new Error('the upstream got no request');
  return request;
}

describe('POST /v1/responses/compact', () => {
  it('through a non-OpenAI provider: the routed model summarises, the answer keeps the user messages and one compaction item', async () => {
    const json = await compactedBy(CLAUDE, 'anthropic');
    expect(json).toMatchObject({
      object: 'response.compaction',
      usage: { input_tokens: 120, output_tokens: 30, total_tokens: 150 },
    });
    expect(json['id']).toMatch(/^resp_/);
    const output = json['output'] as Record<string, unknown>[];
    expect(output.map((item) => [item['type'], item['role']])).toEqual([
      ['message', 'user'],
      ['message', 'user'],
      ['compaction', undefined],
    ]);
    expect(output[1]).toMatchObject({
      status: 'completed',
      content: [{ type: 'input_text', text: 'go on' }],
    });
    const compaction = output[2] ?? {};
    expect(compaction['id']).toMatch(/^cmp_/);
    expect(openCompaction(String(compaction['encrypted_content']))).toBe(SUMMARY);

    // The summarising call: one transcript under the compaction instructions, no tools, not streamed.
    const sent = lastRequest();
    expect(sent.url).toBe('/v1/messages');
    const body = sent.body as {
      system: unknown;
      messages: { content: unknown }[];
      tools?: unknown;
      stream?: unknown;
    };
    expect(JSON.stringify(body.system)).toContain('You compact a conversation');
    expect(body.tools).toBeUndefined();
    expect(body.stream).toBeUndefined();
    const transcript = JSON.stringify(body.messages);
    for (const fragment of [
      'You are a careful engineer.',
      'lookup, call call_1',
      'rule 7 is broken',
      'Rule 7 is the culprit.',
      'go on',
    ])
      expect(transcript).toContain(fragment);
    expect(clientKeyNeverSent(rig.upstream)).toBe(true);
  });

  it('a continuation after compaction works through a non-OpenAI provider: the compaction item turns back into its summary', async () => {
    const { json } = await compact({ model: CLAUDE, input: conversation });
    const window = json['output'] as Record<string, unknown>[];
    rig.upstream.requests.length = 0;
    const reply = await rig.post('/v1/responses', {
      model: CLAUDE,
      input: [...window, { role: 'user', content: 'now patch rule 7' }],
    });
    expect(reply.status).toBe(200);
    const sent = JSON.stringify(lastRequest().body);
    expect(sent).toContain(AS_JSON_TEXT);
    expect(sent).toContain('Summary of the earlier conversation');
    expect(sent).toContain('now patch rule 7');
    expect(sent).not.toContain('switchyard.v1.compaction.');
  });

  it('a compaction Switchyard made reaches OpenAI as readable text too', async () => {
    const { json } = await compact({ model: CLAUDE, input: conversation });
    rig.upstream.respond((request) =>
      request.url.endsWith('/responses')
        ? {
            chunks: [
              JSON.stringify({
                status: 'completed',
                output: [{ type: 'message', content: [{ type: 'output_text', text: 'ok' }] }],
                usage: { input_tokens: 1, output_tokens: 1 },
              }),
            ],
          }
        : answer(request),
    );
    try {
      const reply = await rig.post('/v1/responses', {
        model: GPT,
        input: [...(json['output'] as unknown[]), { role: 'user', content: 'continue' }],
      });
      expect(reply.status).toBe(200);
      const input = JSON.stringify((lastRequest().body as { input: unknown }).input);
      expect(input).toContain(AS_JSON_TEXT);
      expect(input).not.toContain('"type":"compaction"');
    } finally {
      rig.upstream.respond(answer);
    }
  });

  it('through OpenAI on the Responses API: OpenAI’s own /responses/compact, its answer as is', async () => {
    const json = await compactedBy(GPT, 'openai');
    expect(json).toEqual(OPENAI_COMPACTED);
    const sent = lastRequest();
    expect(sent.url).toBe('/v1/responses/compact');
    expect(sent.headers['authorization']).toBe('Bearer sk-upstream');
    const body = sent.body as Record<string, unknown>;
    // Only what the compact endpoint takes (OpenAI's ResponseCompactParams), with the upstream model name.
    expect(Object.keys(body).sort()).toEqual(['input', 'instructions', 'model']);
    expect(body['model']).toBe('gpt-5');
    expect(JSON.stringify(body['input'])).toContain('"call_id":"call_1"');
  });

  it('OpenAI’s opaque compaction item goes back to OpenAI verbatim, and is a 400 naming input for any other provider', async () => {
    const window = [...OPENAI_COMPACTED.output, { role: 'user', content: 'continue' }];
    rig.upstream.requests.length = 0;
    await rig.post('/v1/responses', { model: GPT, input: window });
    const input = (lastRequest().body as { input: Record<string, unknown>[] }).input;
    expect(input).toContainEqual({ type: 'compaction', encrypted_content: 'gAAAA-openai-opaque-state' });

    rig.upstream.requests.length = 0;
    const refused = await rig.post('/v1/responses', { model: CLAUDE, input: window });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toMatchObject({
      error: { type: 'invalid_request_error', code: 'unsupported_feature', param: 'input' },
    });
    expect(rig.upstream.requests).toEqual([]);
    const recompacted = await compact({ model: CLAUDE, input: window });
    expect(recompacted.status).toBe(400);
    expect(recompacted.json).toMatchObject({ error: { param: 'input' } });
    expect(rig.upstream.requests).toEqual([]);
  });

  it('stream: true is a 400 in OpenAI’s error shape, before any upstream call', async () => {
    rig.upstream.requests.length = 0;
    const { status, json } = await compact({ model: CLAUDE, input: conversation, stream: true });
    expect(status).toBe(400);
    expect(json).toEqual({
      error: {
        message: 'Streaming not supported for compact responses.',
        type: 'invalid_request_error',
        param: 'stream',
        code: 'unsupported_parameter',
      },
    });
    expect(rig.upstream.requests).toEqual([]);
  });

  it('bad input is a 4xx naming the field: no model, no input, a malformed item, previous_response_id over HTTP', async () => {
    const cases: [unknown, string][] = [
      [{ input: 'hi' }, 'model'],
      [{ model: CLAUDE }, 'input'],
      [{ model: CLAUDE, input: [{ type: 'compaction' }] }, 'input[0]'],
      [{ model: CLAUDE, input: 'hi', previous_response_id: 'resp_x' }, 'previous_response_id'],
    ];
    for (const [body, param] of cases) {
      const { status, json } = await compact(body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect((json['error'] as Record<string, unknown>)['param'], JSON.stringify(body)).toBe(param);
    }
    const unknownModel = await compact({ model: 'nowhere/model', input: 'hi' });
    expect(unknownModel.status).toBe(404);
  });

  it('an empty summary is a 502, never a compaction that drops the conversation', async () => {
    rig.upstream.respond(() => ({
      chunks: [
        JSON.stringify({
          type: 'message',
          role: 'assistant',
          content: [{ type: 'text', text: '  ' }],
          stop_reason: 'end_turn',
          usage: { input_tokens: 1, output_tokens: 0 },
        }),
      ],
    }));
    try {
      const { status, json } = await compact({ model: CLAUDE, input: 'hi' });
      expect(status).toBe(502);
      expect(json).toMatchObject({ error: { code: 'empty_compaction' } });
    } finally {
      rig.upstream.respond(answer);
    }
  });
});

/** A WebSocket client on the plane that collects frames until each turn's terminal frame. */
async function openSocket(): Promise<{ turn: (frame: unknown) => Promise<Frame[]>; close: () => void }> {
  const ws = new WebSocket(`${rig.plane.url.replace('http', 'ws')}/v1/responses`, {
    headers: { authorization: `Bearer ${CLIENT_KEY}` },
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let frames: Frame[] = [];
  let done: (() => void) | undefined;
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString('utf8')) as Frame;
    frames.push(frame);
    if (['response.completed', 'response.failed', 'error'].includes(frame.type)) done?.();
  });
  return {
    turn: async (frame) => {
      frames = [];
      const terminal = new Promise<void>((resolve) => (done = resolve));
      ws.send(JSON.stringify(frame));
      await terminal;
      return frames;
    },
    close: () => ws.close(),
  };
}

describe('compaction in WebSocket mode', () => {
  it('a compacted window continues over the Responses WebSocket like over HTTP; compaction_trigger is an error frame naming input', async () => {
    const { json } = await compact({ model: CLAUDE, input: conversation });
    const window = json['output'] as unknown[];
    const socket = await openSocket();
    try {
      rig.upstream.requests.length = 0;
      const next = { role: 'user', content: 'now patch rule 7' };
      const frames = await socket.turn({ type: 'response.create', model: CLAUDE, input: [...window, next] });
      expect(frames.at(-1)?.type).toBe('response.completed');
      const sent = JSON.stringify(lastRequest().body);
      expect(sent).toContain(AS_JSON_TEXT);
      expect(sent).toContain('now patch rule 7');

      rig.upstream.requests.length = 0;
      const trigger = [...window, { type: 'compaction_trigger' }];
      const refused = await socket.turn({ type: 'response.create', model: CLAUDE, input: trigger });
      expect(refused).toEqual([
        expect.objectContaining({
          type: 'error',
          status: 400,
          error: expect.objectContaining({ param: 'input' }),
        }),
      ]);
      expect(rig.upstream.requests).toEqual([]);
    } finally {
      socket.close();
    }
  });
});
