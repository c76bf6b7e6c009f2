import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../server/create-server.ts';
import type { SwitchyardServer } from '../server/build-server.ts';
import { withFast } from './testing/plane-server.ts';

/** The SDKs send it the way each one does (Bearer for openai, x-api-key for anthropic); the shell checks it. */
const CLIENT_KEY = 'sk-test-sdk-client-0123456789abcdef';

let server: SwitchyardServer;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  // The whole server as users run it: auth, guards and the shell's error handler in front of the plane.
  server = await createServer(
    {
      // Port 0: other test files start servers on the default port at the same time.
      server: { port: 0 },
      auth: { keys: [{ id: 'sdk', key: CLIENT_KEY }] },
      controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'switchyard-sdk-')) },
      modelPlane: withFast(),
    },
    { logDestination: new PassThrough() },
  );
  const url = await server.listen();
  openai = new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${url}/v1`, maxRetries: 0 });
  anthropic = new Anthropic({ apiKey: CLIENT_KEY, baseURL: url, maxRetries: 0 });
});
afterAll(async () => {
  await server.close();
});

const expected = 'Mock answer to "hello". '.repeat(2).slice(0, 32);

describe('official SDKs against the model plane on the mock provider', () => {
  it('openai: chat completion, not streamed', async () => {
    const completion = await openai.chat.completions.create({
      model: 'mock-small',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(completion.choices[0]?.message.content).toBe(expected);
    expect(completion.usage?.total_tokens).toBe(6);
  });

  it('openai: chat completion, streamed with usage', async () => {
    const stream = await openai.chat.completions.create({
      model: 'mock-small',
      messages: [{ role: 'user', content: 'hello' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let total: number | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) total = chunk.usage.total_tokens;
    }
    expect(text).toBe(expected);
    expect(total).toBe(6);
  });

  it('openai: a failed chat stream throws instead of ending quietly', async () => {
    const stream = await openai.chat.completions.create({
      model: 'mock-fail-midstream',
      messages: [{ role: 'user', content: 'hello' }],
      stream: true,
    });
    await expect(async () => {
      for await (const _chunk of stream) {
        // drain
      }
    }).rejects.toThrow(/mid-stream/);
  });

  it('openai: Responses streaming and the final response', async () => {
    const stream = openai.responses.stream({ model: 'mock-small', input: 'hello' });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const final = await stream.finalResponse();
    expect(types.at(0)).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    expect(final.output_text).toBe(expected);
  });

  it('openai: Responses, not streamed', async () => {
    const response = await openai.responses.create({ model: 'mock-small', input: 'hello' });
    expect(response.output_text).toBe(expected);
  });

  it('openai: an unknown model is a NotFoundError', async () => {
    await expect(
      openai.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('anthropic: Messages streaming with final usage', async () => {
    const stream = anthropic.messages.stream({
      model: 'mock-small',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hello' }],
    });
    let text = '';
    stream.on('text', (delta) => {
      text += delta;
    });
    const message = await stream.finalMessage();
    expect(text).toBe(expected);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBe(4);
  });

  it('anthropic: a mid-stream error event fails the stream', async () => {
    const stream = anthropic.messages.stream({
      model: 'mock-fail-midstream',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hello' }],
    });
    await expect(stream.finalMessage()).rejects.toThrow(/overloaded|mid-stream/);
  });

  it('anthropic: an unknown model is a NotFoundError', async () => {
    await expect(
      anthropic.messages.create({ model: 'nope', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBeInstanceOf(Anthropic.NotFoundError);
  });

  it('both SDKs: a wrong key is an AuthenticationError in their own error shape', async () => {
    const wrongOpenAi = openai.withOptions({ apiKey: 'sk-test-not-a-client-key-000000' });
    await expect(
      wrongOpenAi.chat.completions.create({
        model: 'mock-small',
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const wrongAnthropic = anthropic.withOptions({ apiKey: 'sk-test-not-a-client-key-000000' });
    await expect(
      wrongAnthropic.messages.create({
        model: 'mock-small',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toMatchObject({
      status: 401,
      error: { type: 'error', error: { type: 'authentication_error' } },
    });
  });
});
