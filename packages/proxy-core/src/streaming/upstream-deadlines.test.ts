import { afterEach, describe, expect, it } from 'vitest';
import { at } from '../model-plane/testing/sse.ts';
import {
  startPlaneWithUpstream,
  type PlaneWithUpstream,
} from '../providers/shared/testing/plane-with-upstream.ts';

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
