/**
 * A loopback upstream (node:http) that impersonates OpenAI (`/v1/chat/completions`, `/v1/responses`),
 * Anthropic (`/v1/messages`) and Gemini (`/v1beta/models/{model}:generateContent` and
 * `:streamGenerateContent`) and answers with the key it received echoed back in every form a careless
 * provider might use: literal, partly masked, URL-encoded, base64 of `Bearer <key>`, base64, and runs of the
 * random part. The model name picks the answer: `…-echo-401`, `-403`, `-400`, `-500`, or `-midstream` (a 200
 * SSE stream that starts, then fails with an error event). It counts every request it receives.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { maskedForms } from './canaries.ts';

export const ECHO_MODES = ['401', '403', '400', '500', 'midstream'] as const;
export type EchoMode = (typeof ECHO_MODES)[number];

/** Words only the upstream writes: finding them in a client answer proves upstream text got through. */
export const UPSTREAM_MARKER = 'upstream-echo-marker';

export type Impersonated = 'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini';

export interface EchoUpstream {
  readonly url: string;
  /** Requests received so far, all paths. */
  requestCount(): number;
  /** Keys received so far (whatever header carried them). */
  receivedKeys(): ReadonlySet<string>;
  close(): Promise<void>;
}

function receivedKey(request: IncomingMessage): string {
  const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const header = request.headers['x-api-key'] ?? request.headers['x-goog-api-key'];
  const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('key');
  return bearer ?? (typeof header === 'string' ? header : undefined) ?? query ?? '';
}

/** The key in every form at once, as one sentence an upstream might write. */
export function echoSentence(key: string): string {
  const masked = maskedForms(key).join(' / ');
  const b64Bearer = Buffer.from(`Bearer ${key}`).toString('base64');
  const b64 = Buffer.from(key).toString('base64');
  const run = key.slice(-14, -2);
  return (
    `Incorrect API key provided: ${masked}. You sent ${key} (${encodeURIComponent(key)}; ` +
    `authorization ${b64Bearer}; raw ${b64}; fragment ${run}). ${UPSTREAM_MARKER}`
  );
}

function impersonated(path: string): Impersonated | undefined {
  if (path.endsWith('/chat/completions')) return 'openai-chat';
  if (path.endsWith('/responses')) return 'openai-responses';
  if (path.endsWith('/messages')) return 'anthropic';
  if (/\/models\/[^/]+:(stream)?[gG]enerateContent$/.test(path)) return 'gemini';
  return undefined;
}

function errorJson(kind: Impersonated, status: number, message: string): unknown {
  if (kind === 'anthropic') {
    const type = status === 401 ? 'authentication_error' : status === 403 ? 'permission_error' : 'api_error';
    return { type: 'error', error: { type, message } };
  }
  if (kind === 'gemini') {
    const state = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'PERMISSION_DENIED' : 'INTERNAL';
    return { error: { code: status, message, status: state } };
  }
  return { error: { message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } };
}

/** A 200 stream that starts normally, then fails with the provider's own mid-stream error event. */
function midstream(kind: Impersonated, message: string): string[] {
  const data = (value: unknown, event?: string) =>
    `${event === undefined ? '' : `event: ${event}\n`}data: ${JSON.stringify(value)}\n\n`;
  if (kind === 'openai-chat') {
    return [
      data({
        id: 'c1',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'gpt-echo',
        choices: [{ index: 0, delta: { role: 'assistant', content: 'hi' }, finish_reason: null }],
      }),
      data({ error: { message, type: 'server_error', param: null, code: 'invalid_api_key' } }),
    ];
  }
  if (kind === 'openai-responses') {
    const response = {
      id: 'resp_1',
      object: 'response',
      created_at: 1,
      status: 'in_progress',
      model: 'gpt-echo',
      output: [],
    };
    return [
      data({ type: 'response.created', sequence_number: 0, response }, 'response.created'),
      data({ type: 'error', sequence_number: 1, code: 'invalid_api_key', message, param: null }, 'error'),
    ];
  }
  if (kind === 'anthropic') {
    return [
      data(
        {
          type: 'message_start',
          message: {
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            model: 'claude-echo',
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: 1, output_tokens: 0 },
          },
        },
        'message_start',
      ),
      data(
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        'content_block_start',
      ),
      data(
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'hi' } },
        'content_block_delta',
      ),
      data({ type: 'error', error: { type: 'overloaded_error', message } }, 'error'),
    ];
  }
  return [
    data({ candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] }, index: 0 }] }),
    data({ error: { code: 500, message, status: 'INTERNAL' } }),
  ];
}

function modeOf(path: string, body: string): EchoMode {
  const model =
    /echo-(401|403|400|500|midstream)/.exec(path)?.[1] ?? /echo-(401|403|400|500|midstream)/.exec(body)?.[1];
  return (model as EchoMode | undefined) ?? '500';
}

function streamed(path: string, body: string): boolean {
  if (path.includes(':streamGenerateContent')) return true;
  try {
    return (JSON.parse(body) as { stream?: unknown }).stream === true;
  } catch {
    return false;
  }
}

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  const kind = impersonated(path);
  const key = receivedKey(request);
  const sentence = echoSentence(key);
  // A careless upstream echoes the key in its headers too.
  response.setHeader('x-upstream-echo', `${key} ${UPSTREAM_MARKER}`);
  if (kind === undefined) {
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end(`no such path ${path}; ${sentence}`);
    return;
  }
  const mode = modeOf(path, body);
  if (mode === 'midstream' && streamed(path, body)) {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const frame of midstream(kind, sentence)) response.write(frame);
    response.end();
    return;
  }
  const status = mode === 'midstream' ? 500 : Number(mode);
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(errorJson(kind, status, sentence)));
}

export async function startEchoUpstream(): Promise<EchoUpstream> {
  let count = 0;
  const keys = new Set<string>();
  const server: Server = createServer((request, response) => {
    count += 1;
    keys.add(receivedKey(request));
    answer(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requestCount: () => count,
    receivedKeys: () => keys,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
