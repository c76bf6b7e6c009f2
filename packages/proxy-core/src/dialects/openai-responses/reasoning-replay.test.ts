/** Reasoning round-trips through a Responses client as `encrypted_content` (the provider's signature). */
import { describe, expect, it } from 'vitest';
import { encoderInput } from '../../streaming/testing-parts.ts';
import { decodeResponsesRequest } from './decode.ts';
import { ResponsesStreamEncoder } from './encode-stream.ts';
import { encodeResponsesResponse } from './encode-response.ts';

const envelope = { id: 'resp_1', model: 'm', createdAt: 0, body: { model: 'm' } };
const usage = { inputTokens: 1, outputTokens: 1 };

describe('reasoning signatures as encrypted_content', () => {
  it('streams the signature of the reasoning item as its encrypted_content', () => {
    const encoder = new ResponsesStreamEncoder(envelope);
    const events = encoderInput([
      { type: 'stream-start', warnings: [] },
      { type: 'reasoning-delta', id: 'r', delta: 'Read the file first.' },
      { type: 'reasoning-end', id: 'r', metadata: { signature: 'sig-abc' } },
      { type: 'tool-input-start', id: 't0', toolCallId: 'c1', toolName: 'exec_command' },
      { type: 'tool-input-delta', id: 't0', delta: '{}' },
      { type: 'finish', reason: 'tool_calls', usage },
    ]).flatMap((part) => encoder.encode(part));
    const done = events.filter((event) => event.event === 'response.output_item.done');
    expect((done[0]?.data as Record<string, unknown>)['item']).toMatchObject({
      type: 'reasoning',
      encrypted_content: 'switchyard.v1.signature.sig-abc',
    });
    const completed = (events.at(-1)?.data as Record<string, unknown>)['response'] as { output: unknown[] };
    expect(completed.output[0]).toMatchObject({
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 'Read the file first.' }],
      encrypted_content: 'switchyard.v1.signature.sig-abc',
    });
  });

  it('puts the signature in a non-streamed answer too, and no encrypted_content where there is none', () => {
    const body = encodeResponsesResponse(
      {
        output: [
          { type: 'reasoning', text: 'signed', signature: 'sig-1' },
          { type: 'reasoning', text: 'unsigned' },
        ],
        finishReason: 'stop',
        usage,
      },
      envelope,
    );
    const output = body['output'] as Record<string, unknown>[];
    expect(output[0]?.['encrypted_content']).toBe('switchyard.v1.signature.sig-1');
    expect(output[1]).not.toHaveProperty('encrypted_content');
  });

  it('takes back only encrypted_content the proxy handed out', () => {
    const reasoning = (encrypted: string) =>
      decodeResponsesRequest({
        model: 'm',
        input: [
          { role: 'user', content: 'go' },
          { type: 'reasoning', summary: [], encrypted_content: encrypted },
        ],
      }).messages[1]?.content[0];
    expect(reasoning('gAAAAB-openai-own')).toEqual({ type: 'reasoning', text: '' });
    expect(reasoning('switchyard.v1.signature.')).toEqual({ type: 'reasoning', text: '' });
    expect(reasoning('switchyard.v1.signature.sig')).toEqual({
      type: 'reasoning',
      text: '',
      signature: 'sig',
    });
  });

  it('decodes a replayed reasoning item with encrypted_content into signed reasoning', () => {
    const decoded = decodeResponsesRequest({
      model: 'm',
      input: [
        { role: 'user', content: 'go' },
        {
          type: 'reasoning',
          summary: [{ type: 'summary_text', text: 'Read the file first.' }],
          encrypted_content: 'switchyard.v1.signature.sig-abc',
        },
        { type: 'function_call', call_id: 'c1', name: 'exec_command', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c1', output: 'ok' },
      ],
    });
    expect(decoded.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Read the file first.', signature: 'sig-abc' },
        { type: 'tool_call', id: 'c1', name: 'exec_command', arguments: '{}' },
      ],
    });
  });
});
