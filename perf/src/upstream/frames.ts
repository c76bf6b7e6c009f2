/**
 * The lean upstream's answers: an OpenAI Chat Completions JSON body of about 650 bytes, and paced streams
 * (Chat Completions chunks, Responses API events) whose deltas carry a sequence token `#<n>;` so a client can
 * check every frame's content. Built once per stream from plain string templates: the upstream must stay
 * cheap enough that it, not the proxy, is never the bottleneck.
 */

const CREATED = 1_767_225_600;

/** The text of delta `seq`: the token the stream tracker counts, padded like a short word-piece. */
export function deltaText(seq: number): string {
  return `#${seq}; `;
}

/** ~650 bytes, like a short real answer (the size the measurements used). */
export function chatCompletionBody(model: string): string {
  return JSON.stringify({
    id: 'chatcmpl-perf-0001',
    object: 'chat.completion',
    created: CREATED,
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content:
            'Load-test answer. The quick brown fox jumps over the lazy dog while the proxy measures its own cost; ' +
            'this text only gives the body a realistic size, about six hundred and fifty bytes once serialised with ' +
            'the envelope, usage and finish reason around it.',
          refusal: null,
        },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 12, completion_tokens: 64, total_tokens: 76 },
    system_fingerprint: 'fp_perf',
  });
}

/** Chat Completions SSE: `data: <chunk>` frames, then `data: [DONE]`. */
export const chatStream = {
  head(model: string): string {
    return `data: ${JSON.stringify({
      id: 'chatcmpl-perf-0001',
      object: 'chat.completion.chunk',
      created: CREATED,
      model,
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
    })}\n\n`;
  },
  delta(model: string, seq: number): string {
    return `data: {"id":"chatcmpl-perf-0001","object":"chat.completion.chunk","created":${CREATED},"model":${JSON.stringify(model)},"choices":[{"index":0,"delta":{"content":"${deltaText(seq)}"},"finish_reason":null}]}\n\n`;
  },
  tail(model: string, deltas: number): string {
    const last = JSON.stringify({
      id: 'chatcmpl-perf-0001',
      object: 'chat.completion.chunk',
      created: CREATED,
      model,
      choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
      usage: { prompt_tokens: 12, completion_tokens: deltas, total_tokens: 12 + deltas },
    });
    return `data: ${last}\n\ndata: [DONE]\n\n`;
  },
};

const ITEM = 'msg_perf_0001';

function responseObject(model: string, status: string, text: string | undefined, deltas: number): object {
  const done = text !== undefined;
  return {
    id: 'resp_perf_0001',
    object: 'response',
    created_at: CREATED,
    status,
    error: null,
    incomplete_details: null,
    model,
    output: done
      ? [
          {
            type: 'message',
            id: ITEM,
            status: 'completed',
            role: 'assistant',
            content: [{ type: 'output_text', text, annotations: [] }],
          },
        ]
      : [],
    parallel_tool_calls: true,
    usage: done
      ? {
          input_tokens: 12,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: deltas,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: 12 + deltas,
        }
      : null,
  };
}

/**
 * Responses API events as JSON objects (the WebSocket upstream sends them as messages, the SSE upstream as
 * `event:`/`data:` frames). `head` and `tail` bracket the deltas; sequence numbers are monotonic.
 */
export const responsesEvents = {
  head(model: string, deltas: number): object[] {
    const ids = { item_id: ITEM, output_index: 0, content_index: 0 };
    return [
      { type: 'response.created', response: responseObject(model, 'in_progress', undefined, deltas) },
      { type: 'response.in_progress', response: responseObject(model, 'in_progress', undefined, deltas) },
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { type: 'message', id: ITEM, status: 'in_progress', role: 'assistant', content: [] },
      },
      {
        type: 'response.content_part.added',
        ...ids,
        part: { type: 'output_text', text: '', annotations: [] },
      },
    ].map((event, index) => ({ ...event, sequence_number: index }));
  },
  delta(seq: number, sequenceNumber: number): string {
    return `{"type":"response.output_text.delta","item_id":"${ITEM}","output_index":0,"content_index":0,"delta":"${deltaText(seq)}","logprobs":[],"sequence_number":${sequenceNumber}}`;
  },
  tail(model: string, deltas: number, firstSequenceNumber: number): object[] {
    let text = '';
    for (let seq = 0; seq < deltas; seq += 1) text += deltaText(seq);
    const ids = { item_id: ITEM, output_index: 0, content_index: 0 };
    const part = { type: 'output_text', text, annotations: [] };
    return [
      { type: 'response.output_text.done', ...ids, text, logprobs: [] },
      { type: 'response.content_part.done', ...ids, part },
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { type: 'message', id: ITEM, status: 'completed', role: 'assistant', content: [part] },
      },
      { type: 'response.completed', response: responseObject(model, 'completed', text, deltas) },
    ].map((event, index) => ({ ...event, sequence_number: firstSequenceNumber + index }));
  },
};

/** One Responses event as an SSE frame. */
export function sseEvent(type: string, json: string): string {
  return `event: ${type}\ndata: ${json}\n\n`;
}
