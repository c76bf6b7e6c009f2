/**
 * `POST /v1/responses/compact` in the Responses dialect. OpenAI's answer is a `response.compaction` object whose
 * `output` is the window to carry forward: every user message of the input, then one `compaction` item standing for
 * everything else. Switchyard answers the same shape; its compaction item holds the routed model's summary
 * (compaction-token.ts), which any provider can read when a later request carries it.
 */
import type { CanonicalResponse } from '../../canonical/response.ts';
import { newId } from '../../canonical/ids.ts';
import { textOf } from '../../canonical/content.ts';
import { unsupported } from '../../canonical/validate.ts';
import { catalogued } from '../../errors/catalogue.ts';
import { ApiError } from '../../http/api-error.ts';
import { sealCompaction } from './compaction-token.ts';
import { decodeResponsesRequest, type DecodedResponsesRequest } from './decode.ts';
import { responsesUsage } from './response-object.ts';
import type { ResponsesRequestBody } from './schema.ts';

export interface DecodedCompaction {
  /** The conversation to compact, as a Responses request (not streamed, no thinking: compaction takes neither). */
  readonly conversation: DecodedResponsesRequest;
  /** The input's user messages as output items, kept verbatim in the compacted window. */
  readonly kept: readonly Record<string, unknown>[];
}

function isStreamRequested(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { stream?: unknown }).stream === true;
}

function userMessage(content: unknown, id: unknown): Record<string, unknown> {
  return {
    id: typeof id === 'string' && id !== '' ? id : newId('msg_'),
    type: 'message',
    status: 'completed',
    role: 'user',
    content: typeof content === 'string' ? [{ type: 'input_text', text: content }] : content,
  };
}

/** The user messages of the input, in order, as the output items OpenAI's compaction keeps. */
function keptUserMessages(input: ResponsesRequestBody['input']): Record<string, unknown>[] {
  if (input === undefined) return [];
  if (typeof input === 'string') return [userMessage(input, undefined)];
  return input.flatMap((item) =>
    'role' in item && item.role === 'user' && (item.type === undefined || item.type === 'message')
      ? [userMessage(item.content, item['id'])]
      : [],
  );
}

/**
 * Decodes a compaction request: the Responses body it is, minus streaming — compaction answers one JSON object, and
 * `stream: true` is a 400 as in the upstream Go proxy ("Streaming not supported for compact responses").
 */
export function decodeCompactRequest(raw: unknown): DecodedCompaction {
  if (isStreamRequested(raw)) throw unsupported('stream', 'Streaming not supported for compact responses.');
  const { thinking: _thinking, ...decoded } = decodeResponsesRequest(raw);
  return { conversation: { ...decoded, stream: false }, kept: keptUserMessages(decoded.body.input) };
}

/** The `response.compaction` object for a summary the routed model wrote. */
export function compactedResponse(
  summary: CanonicalResponse,
  kept: readonly Record<string, unknown>[],
  provider: string,
): Record<string, unknown> {
  const text = textOf(summary.output);
  // An empty summary would drop the whole conversation from every later turn: refused, never handed out.
  if (text.trim() === '') {
    throw new ApiError({
      ...catalogued('empty_compaction'),
      message: `The ${provider} model wrote no summary, so nothing was compacted; retry, or compact with another model.`,
    });
  }
  return {
    id: newId('resp_'),
    object: 'response.compaction',
    created_at: Math.floor(Date.now() / 1000),
    output: [...kept, { id: newId('cmp_'), type: 'compaction', encrypted_content: sealCompaction(text) }],
    usage: responsesUsage(summary.usage),
  };
}
