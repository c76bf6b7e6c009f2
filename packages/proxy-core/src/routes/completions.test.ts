/** Legacy `POST /v1/completions` through the whole server, with the official openai SDK as the client. */
import OpenAI from 'openai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withFast } from '../model-plane/testing/plane-server.ts';
import type { SwitchyardServer } from '../server/build-server.ts';
import { createServer } from '../server/create-server.ts';

const CLIENT_KEY = 'sk-test-completions-client-0123456789';

let server: SwitchyardServer;
let openai: OpenAI;
beforeAll(async () => {
  server = await createServer(
    {
      auth: { keys: [{ id: 'legacy', key: CLIENT_KEY }] },
      controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'switchyard-completions-')) },
      modelPlane: withFast(),
    },
    { logDestination: new PassThrough() },
  );
  openai = new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${await server.listen()}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await server.close();
});

describe('POST /v1/completions (legacy, served through chat)', () => {
  it('answers a text_completion with the prompt answered as a user message, and usage', async () => {
    const completion = await openai.completions.create({
      model: 'mock/mock-small',
      prompt: 'hello',
      max_tokens: 64,
    });
    expect(completion).toMatchObject({ object: 'text_completion', model: 'mock/mock-small' });
    expect(completion.choices[0]?.text).toContain('Mock answer to "hello"');
    expect(completion.choices[0]?.finish_reason).toMatch(/^(stop|length)$/);
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams text chunks ending with [DONE] (the SDK stops cleanly) and usage when asked', async () => {
    const stream = await openai.completions.create({
      model: 'mock/mock-small',
      prompt: ['hello'],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: unknown;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.text ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(text).toContain('Mock answer to "hello"');
    expect(finish).toMatch(/^(stop|length)$/);
    expect(usage).toMatchObject({ total_tokens: expect.any(Number) });
  });

  it.each([
    ['echo', { echo: true }],
    ['suffix', { suffix: ' end' }],
    ['best_of', { best_of: 3 }],
    ['prompt', { prompt: ['one', 'two'] }],
    ['n', { n: 2 }],
  ])('refuses %s, which chat cannot carry, with a 400 naming it', async (param, extra) => {
    const error = (await openai.completions
      .create({
        model: 'mock/mock-small',
        prompt: 'hello',
        ...extra,
      } as OpenAI.CompletionCreateParamsNonStreaming)
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.message).toContain(param);
  });
});
