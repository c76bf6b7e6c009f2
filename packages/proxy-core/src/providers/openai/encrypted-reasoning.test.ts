import { encoderInput, folded } from '../../streaming/testing-parts.ts';
/** OpenAI's encrypted reasoning goes back to OpenAI, and only there. */
import { describe, expect, it } from 'vitest';
import type { CanonicalMessage } from '../../canonical/content.ts';
import { decodeResponsesRequest } from '../../dialects/openai-responses/decode.ts';
import { ResponsesStreamEncoder } from '../../dialects/openai-responses/encode-stream.ts';
import { encodeMessagesRequest } from '../anthropic/encode-request.ts';
import { decodeInSlices } from '../shared/testing/decode-in-slices.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import { canonicalRequest } from '../shared/testing/request-fixture.ts';
import { ResponsesStreamDecoder } from './decode-stream.ts';
import { encodeResponsesRequest } from './encode-request.ts';

const conversation = (reasoning: CanonicalMessage['content'][number]): CanonicalMessage[] => [
  { role: 'user', content: [{ type: 'text', text: 'go' }] },
  { role: 'assistant', content: [reasoning, { type: 'tool_call', id: 'c1', name: 'f', arguments: '{}' }] },
  {
    role: 'user',
    content: [
      { type: 'tool_result', toolCallId: 'c1', content: [{ type: 'text', text: 'ok' }], isError: false },
    ],
  },
];

describe("OpenAI's encrypted reasoning", () => {
  it('decodes a streamed reasoning item with encrypted_content into a signature issued by openai', () => {
    const stream =
      sse.event('response.created', { response: { status: 'in_progress' } }) +
      sse.event('response.output_item.added', { output_index: 0, item: { type: 'reasoning', id: 'rs_1' } }) +
      sse.event('response.output_item.done', {
        output_index: 0,
        item: { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAA-enc' },
      }) +
      sse.event('response.completed', { response: { status: 'completed', usage: {} } });
    expect(folded(decodeInSlices(stream, new ResponsesStreamDecoder(), 3))?.output).toEqual([
      { type: 'reasoning', text: '', signature: 'gAAAA-enc', issuer: 'openai' },
    ]);
  });

  it('round-trips through a Responses client as a marked encrypted_content, even without summary text', () => {
    const encoder = new ResponsesStreamEncoder({ id: 'r', model: 'm', createdAt: 0, body: { model: 'm' } });
    const events = encoderInput([
      { type: 'stream-start', warnings: [] },
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-end', id: 'r', metadata: { signature: 'gAAAA-enc', issuer: 'openai' } },
      { type: 'finish', reason: 'stop', usage: { inputTokens: 1, outputTokens: 1 } },
    ]).flatMap((part) => encoder.encode(part));
    const response = (events.at(-1)?.data as Record<string, unknown>)['response'] as { output: unknown[] };
    const item = response.output[0] as Record<string, unknown>;
    expect(item).toMatchObject({ type: 'reasoning', encrypted_content: 'switchyard.v1.openai.gAAAA-enc' });
    const decoded = decodeResponsesRequest({ model: 'm', input: [{ role: 'user', content: 'go' }, item] });
    expect(decoded.messages[1]?.content).toEqual([
      { type: 'reasoning', text: '', signature: 'gAAAA-enc', issuer: 'openai' },
    ]);
  });

  it('replays it to the Responses API, asking for it again, and never to Anthropic', () => {
    const fromOpenAi = { type: 'reasoning', text: 'plan', signature: 'gAAAA-enc', issuer: 'openai' } as const;
    const request = canonicalRequest('openai', 'gpt-5', {
      dialect: 'openai-responses',
      messages: conversation(fromOpenAi),
      thinkingSetting: { mode: 'level', level: 'low' },
    });
    const body = encodeResponsesRequest(request);
    expect((body['input'] as unknown[])[1]).toEqual({
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 'plan' }],
      encrypted_content: 'gAAAA-enc',
    });
    expect(body['include']).toEqual(['reasoning.encrypted_content']);
    const anthropic = encodeMessagesRequest(
      canonicalRequest('anthropic', 'claude', { messages: conversation(fromOpenAi) }),
      {
        defaultMaxTokens: 1024,
      },
    );
    expect(JSON.stringify(anthropic)).not.toContain('gAAAA-enc');
  });

  it('does not hand a thinking signature to the Responses API, nor ask for encrypted reasoning for other clients', () => {
    const thinking = { type: 'reasoning', text: 'plan', signature: 'sig-anthropic' } as const;
    const body = encodeResponsesRequest(
      canonicalRequest('openai', 'gpt-5', {
        dialect: 'openai-chat',
        messages: conversation(thinking),
        thinkingSetting: { mode: 'level', level: 'low' },
      }),
    );
    expect(JSON.stringify(body)).not.toContain('sig-anthropic');
    expect(body).not.toHaveProperty('include');
  });
});
