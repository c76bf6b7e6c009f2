/**
 * Answer citations through proxy-core, checked against the vendors' published schemas: an Anthropic answer whose
 * text cites a web page and a document, and an OpenAI answer whose text carries a url_citation (Responses
 * `annotations`, Chat `message.annotations`), reach every client dialect streamed and not; each object the client
 * receives — `citations_delta` events, `response.output_text.annotation.added` events, annotated `output_text`
 * parts, Chat annotations — conforms to its published schema, and the citations the client can carry are there.
 */
import { PROVIDERS } from '@switchyard/provider-fixtures';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceProblems } from './published-schemas/conformance.ts';
import { emittedObjects } from './published-schemas/emitted-objects.ts';
import { startContractProxy, type ContractProxy } from './rig/contract-proxy.ts';
import { DIALECTS, DIALECT_PATH, clientRequest } from './rig/dialects.ts';
import { ANTHROPIC_BASE_URL, OPENAI_BASE_URL } from './upstreams/base-urls.ts';

const TEXT = 'Pelicans fly south.';
const PAGE = { url: 'https://birds.example/pelicans', title: 'Pelicans' };
const WEB_CITATION = {
  type: 'web_search_result_location',
  ...PAGE,
  encrypted_index: 'Eo8BCioIAhgB',
  cited_text: 'Pelicans fly south in winter.',
};
const DOCUMENT_CITATION = {
  type: 'char_location',
  cited_text: 'south',
  document_index: 0,
  document_title: 'Field notes',
  start_char_index: 0,
  end_char_index: 5,
  file_id: null,
};
const URL_ANNOTATION = { type: 'url_citation', ...PAGE, start_index: 0, end_index: TEXT.length };

const sseOf = (events: readonly Record<string, unknown>[]): string =>
  events.map((event) => `event: ${String(event['type'])}\ndata: ${JSON.stringify(event)}\n\n`).join('');
const streamReply = (body: string): Response =>
  new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
const wantsStream = async (request: Request): Promise<boolean> =>
  ((await request.json()) as { stream?: boolean }).stream === true;

const anthropicUsage = { input_tokens: 5, output_tokens: 4 };
const anthropicMessages = http.post(`${ANTHROPIC_BASE_URL}/messages`, async ({ request }) => {
  const message = { id: 'msg_c', type: 'message', role: 'assistant', model: 'claude', usage: anthropicUsage };
  if (!(await wantsStream(request))) {
    const text = { type: 'text', text: TEXT, citations: [WEB_CITATION, DOCUMENT_CITATION] };
    return HttpResponse.json({ ...message, content: [text], stop_reason: 'end_turn', stop_sequence: null });
  }
  const delta = (value: Record<string, unknown>) => ({ type: 'content_block_delta', index: 0, delta: value });
  return streamReply(
    sseOf([
      { type: 'message_start', message: { ...message, content: [], stop_reason: null } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: [] } },
      delta({ type: 'citations_delta', citation: WEB_CITATION }),
      delta({ type: 'citations_delta', citation: DOCUMENT_CITATION }),
      delta({ type: 'text_delta', text: TEXT }),
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 4 } },
      { type: 'message_stop' },
    ]),
  );
});

const outputText = { type: 'output_text', text: TEXT, annotations: [URL_ANNOTATION], logprobs: [] };
const messageItem = {
  id: 'msg_o',
  type: 'message',
  status: 'completed',
  role: 'assistant',
  content: [outputText],
};
const responsesUsage = {
  input_tokens: 5,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 4,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 9,
};
const openAiResponses = http.post(`${OPENAI_BASE_URL}/responses`, async ({ request }) => {
  const response = {
    id: 'resp_c',
    object: 'response',
    model: 'gpt',
    status: 'completed',
    usage: responsesUsage,
  };
  if (!(await wantsStream(request))) return HttpResponse.json({ ...response, output: [messageItem] });
  const ids = { item_id: 'msg_o', output_index: 0, content_index: 0 };
  return streamReply(
    sseOf([
      { type: 'response.created', response: { ...response, status: 'in_progress', output: [] } },
      { type: 'response.output_item.added', output_index: 0, item: { ...messageItem, content: [] } },
      { type: 'response.output_text.delta', ...ids, delta: TEXT },
      {
        type: 'response.output_text.annotation.added',
        ...ids,
        annotation_index: 0,
        annotation: URL_ANNOTATION,
      },
      { type: 'response.output_item.done', output_index: 0, item: messageItem },
      { type: 'response.completed', response: { ...response, output: [messageItem] } },
    ]),
  );
});

const chatAnnotations = [
  { type: 'url_citation', url_citation: { ...PAGE, start_index: 0, end_index: TEXT.length } },
];
const openAiChat = http.post(`${OPENAI_BASE_URL}/chat/completions`, async ({ request }) => {
  const base = { id: 'chatcmpl-c', created: 1, model: 'gpt' };
  const usage = { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 };
  if (!(await wantsStream(request))) {
    const message = { role: 'assistant', content: TEXT, annotations: chatAnnotations };
    return HttpResponse.json({
      ...base,
      object: 'chat.completion',
      choices: [{ index: 0, message, finish_reason: 'stop' }],
      usage,
    });
  }
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  return streamReply(
    chunk({ role: 'assistant', content: TEXT }) +
      chunk({ annotations: chatAnnotations }) +
      chunk({}, 'stop') +
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage })}\n\ndata: [DONE]\n\n`,
  );
});

let proxy: ContractProxy;
beforeAll(async () => {
  proxy = await startContractProxy({ handlers: [anthropicMessages, openAiResponses, openAiChat] });
});
afterAll(async () => {
  await proxy.close();
});

const cases = (['anthropic', 'openai'] as const).flatMap((provider) =>
  DIALECTS.flatMap((dialect) =>
    [false, true].map((stream) => ({
      provider,
      dialect,
      stream,
      mode: stream ? 'streamed' : 'not streamed',
    })),
  ),
);

/** The citation fields a client of each dialect reads, wherever they sit in the body or the events. */
function citationsSeen(text: string): string[] {
  const found =
    text.match(/"(citations_delta|url_citation|web_search_result_location|char_location)"/gu) ?? [];
  return [...new Set(found)].sort();
}

/** What each dialect can carry of each upstream's citations (the rest is left out). */
const EXPECTED: Record<string, readonly string[]> = {
  'anthropic openai-chat': ['"url_citation"'],
  'anthropic openai-responses': ['"url_citation"'],
  'openai openai-chat': ['"url_citation"'],
  'openai openai-responses': ['"url_citation"'],
  'openai anthropic-messages': [],
};

describe('answer citations conform to the published schemas', () => {
  it.each(cases)('citations: $provider × $dialect × $mode', async ({ provider, dialect, stream }) => {
    const model = `${provider}/${PROVIDERS[provider].defaultModel}`;
    const reply = await proxy.post(DIALECT_PATH[dialect], clientRequest(dialect, { model, stream }));
    expect(reply.status).toBe(200);
    const objects = emittedObjects(dialect, { status: reply.status, text: reply.text, stream });
    expect(conformanceProblems(objects).join('\n')).toBe('');
    const anthropicToMessages = [
      ...(stream ? ['"citations_delta"'] : []),
      '"char_location"',
      '"web_search_result_location"',
    ].sort();
    const expected = EXPECTED[`${provider} ${dialect}`] ?? anthropicToMessages;
    expect(citationsSeen(reply.text)).toEqual(expected);
  });
});
