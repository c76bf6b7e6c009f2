import { afterEach, describe, expect, it } from 'vitest';
import { at } from '../model-plane/testing/sse.ts';
import {
  startPlaneWithUpstream,
  type PlaneWithUpstream,
} from '../providers/shared/testing/plane-with-upstream.ts';
import {
  startUnacceptingListener,
  type UnacceptingListener,
} from '../providers/shared/testing/unaccepting-listener.ts';

let rig: PlaneWithUpstream | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const ANSWER = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'deepseek-v3',
  choices: [{ index: 0, message: { role: 'assistant', content: 'late but whole' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 },
});

const chat = { model: 'deepseek/deepseek-v3', messages: [{ role: 'user', content: 'hi' }] };

async function deepseekRig(deadlines: Record<string, number>): Promise<PlaneWithUpstream> {
  return startPlaneWithUpstream(
    (baseUrl) => ({ deepseek: { baseUrl: `${baseUrl}/deepseek/v1`, keys: ['deepseek-key'] } }),
    {},
    { deadlines },
  );
}

describe('the connect deadline ends when the connection stands; the answer is judged by the first-token deadline', () => {
  it('lets a non-streamed answer whose body comes after the connect deadline finish', async () => {
    rig = await deepseekRig({ connectTimeoutMs: 100, firstTokenTimeoutMs: 10_000 });
    rig.upstream.respond(() => ({ chunks: [ANSWER], bodyDelayMs: 400 }));
    const reply = await rig.post('/v1/chat/completions', chat);
    expect(reply.status).toBe(200);
    expect(at(JSON.parse(reply.text), 'choices', 0, 'message', 'content')).toBe('late but whole');
  });

  it('serves an upstream that holds its headers past the connect deadline until its generation is done', async () => {
    rig = await deepseekRig({ connectTimeoutMs: 100, firstTokenTimeoutMs: 10_000 });
    rig.upstream.respond(() => ({ chunks: [ANSWER], headersDelayMs: 400 }));
    const reply = await rig.post('/v1/chat/completions', chat);
    expect(reply.status).toBe(200);
    expect(at(JSON.parse(reply.text), 'choices', 0, 'message', 'content')).toBe('late but whole');
  });

  it('answers 504 first_token_timeout when the headers do not come within the first-token deadline', async () => {
    rig = await deepseekRig({ connectTimeoutMs: 5_000, firstTokenTimeoutMs: 100 });
    rig.upstream.respond(() => ({ chunks: [ANSWER], headersDelayMs: 2_000 }));
    const reply = await rig.post('/v1/chat/completions', chat);
    expect(reply.status).toBe(504);
    expect(at(JSON.parse(reply.text), 'error', 'code')).toBe('first_token_timeout');
  });

  it('judges a body that is slow after the headers by the first-token deadline', async () => {
    rig = await deepseekRig({ connectTimeoutMs: 5_000, firstTokenTimeoutMs: 100 });
    rig.upstream.respond(() => ({ chunks: [ANSWER], bodyDelayMs: 2_000 }));
    const reply = await rig.post('/v1/chat/completions', chat);
    expect(reply.status).toBe(504);
    expect(at(JSON.parse(reply.text), 'error', 'code')).toBe('first_token_timeout');
  });
});

describe('the connect deadline against a connection that never stands (real sockets, SYNs dropped)', () => {
  let listener: UnacceptingListener | undefined;
  afterEach(async () => {
    await listener?.close();
    listener = undefined;
  });

  async function rigWithDeadUpstream(): Promise<PlaneWithUpstream> {
    listener = await startUnacceptingListener();
    const dead = `http://127.0.0.1:${listener.port}/v1`;
    return startPlaneWithUpstream(
      (baseUrl) => ({
        kimi: { baseUrl: dead, keys: ['kimi-key'] },
        deepseek: { baseUrl: `${baseUrl}/deepseek/v1`, keys: ['deepseek-key'] },
      }),
      {},
      {
        deadlines: { connectTimeoutMs: 300, firstTokenTimeoutMs: 10_000 },
        routes: { smart: ['kimi/kimi-k2', 'deepseek/deepseek-v3'] },
      },
    );
  }

  it('answers 504 upstream_connect_timeout at the connect deadline, not at the first-token one', async () => {
    rig = await rigWithDeadUpstream();
    const reply = await rig.post('/v1/chat/completions', {
      model: 'kimi/kimi-k2',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(reply.status).toBe(504);
    expect(at(JSON.parse(reply.text), 'error', 'code')).toBe('upstream_connect_timeout');
    // A refused connection would be upstream_unreachable; a header wait would be the 10 s first-token deadline.
  });

  it('fails over to the next target of a route when the primary never connects', async () => {
    rig = await rigWithDeadUpstream();
    rig.upstream.respond(() => ({ headers: { 'content-type': 'application/json' }, chunks: [ANSWER] }));
    const reply = await rig.post('/v1/chat/completions', {
      model: 'smart',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-provider')).toBe('deepseek');
    expect(at(JSON.parse(reply.text), 'choices', 0, 'message', 'content')).toBe('late but whole');
    expect(rig.plane.observations.at(-1)?.tries?.[0]).toMatchObject({
      provider: 'kimi',
      outcome: 'failed_over',
    });
  });
});
