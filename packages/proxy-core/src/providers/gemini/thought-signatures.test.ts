import { encoderInput, folded } from '../../streaming/testing-parts.ts';
/** Gemini 3's thought signatures on function calls go back on the same call, and to Gemini only. */
import { describe, expect, it } from 'vitest';
import type { CanonicalMessage } from '../../canonical/content.ts';
import { encodeMessagesResponse } from '../../dialects/anthropic-messages/encode-response.ts';
import { MessagesStreamEncoder } from '../../dialects/anthropic-messages/encode-stream.ts';
import { decodeInSlices } from '../shared/testing/decode-in-slices.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import { canonicalRequest } from '../shared/testing/request-fixture.ts';
import { encodeMessagesRequest } from '../anthropic/encode-request.ts';
import { GenerateContentDecoder } from './decode-stream.ts';
import { encodeGenerateContentRequest } from './encode-request.ts';

const signed = { type: 'reasoning', text: '', signature: 'tsig-1', issuer: 'gemini' } as const;
const conversation: CanonicalMessage[] = [
  { role: 'user', content: [{ type: 'text', text: 'go' }] },
  {
    role: 'assistant',
    content: [
      { type: 'text', text: 'Reading.' },
      signed,
      { type: 'tool_call', id: 'c1', name: 'exec_command', arguments: '{"cmd":"ls"}' },
    ],
  },
  {
    role: 'user',
    content: [
      { type: 'tool_result', toolCallId: 'c1', content: [{ type: 'text', text: 'ok' }], isError: false },
    ],
  },
];

describe('Gemini thought signatures', () => {
  it('decodes the signature on a function call as gemini-issued reasoning just before the call', () => {
    const body = sse.data({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { functionCall: { name: 'exec_command', args: { cmd: 'ls' } }, thoughtSignature: 'tsig-1' },
            ],
          },
          finishReason: 'STOP',
        },
      ],
    });
    const events = decodeInSlices(body, new GenerateContentDecoder(), 2);
    expect(folded(events)?.output).toEqual([
      { type: 'reasoning', text: '', signature: 'tsig-1', issuer: 'gemini' },
      { type: 'tool_call', id: 'call_0', name: 'exec_command', arguments: '{"cmd":"ls"}' },
    ]);
  });

  it('puts the signature back on the function call it came with', () => {
    const body = encodeGenerateContentRequest(
      canonicalRequest('gemini', 'gemini-3-pro-preview', { messages: conversation }),
    );
    expect((body['contents'] as unknown[])[1]).toEqual({
      role: 'model',
      parts: [
        { text: 'Reading.' },
        { functionCall: { name: 'exec_command', args: { cmd: 'ls' } }, thoughtSignature: 'tsig-1' },
      ],
    });
  });

  it('never hands it to Anthropic, nor to an Anthropic client as a thinking signature', () => {
    const anthropic = encodeMessagesRequest(
      canonicalRequest('anthropic', 'claude', { messages: conversation }),
      {
        defaultMaxTokens: 1024,
      },
    );
    expect(JSON.stringify(anthropic)).not.toContain('tsig-1');
    const encoder = new MessagesStreamEncoder({ id: 'msg', model: 'm' });
    const frames = encoderInput([
      { type: 'stream-start', warnings: [] },
      { type: 'reasoning-delta', id: 'r', delta: 'hm' },
      { type: 'reasoning-end', id: 'r', metadata: { signature: 'tsig-1', issuer: 'gemini' } },
    ]).flatMap((part) => encoder.encode(part));
    expect(JSON.stringify(frames)).not.toContain('tsig-1');
    const json = encodeMessagesResponse(
      {
        output: [{ type: 'reasoning', text: 'hm', signature: 'tsig-1', issuer: 'gemini' }],
        finishReason: 'stop',
        usage: { inputTokens: 1, outputTokens: 1 },
      },
      { id: 'msg', model: 'm' },
    );
    expect(json['content']).toEqual([{ type: 'thinking', thinking: 'hm', signature: '' }]);
  });
});
