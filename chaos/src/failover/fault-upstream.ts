/**
 * A fault-injecting loopback upstream speaking OpenAI Chat Completions: `/deepseek/v1` plays the primary and
 * serves each catalogue scenario by model name (`deepseek-s01-…`), `/kimi/v1` is a healthy fallback. Every
 * attempt is recorded with its arrival time; a model without a scenario gets the exact healthy answer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { FALLBACK_TOKENS, PRIMARY_TOKENS, SCALED, scenarioOf, type ScenarioId } from './scenarios.ts';

export interface Attempt {
  readonly provider: 'deepseek' | 'kimi';
  readonly model: string;
  /** performance.now() at arrival: the checker measures gaps between attempts from these. */
  readonly at: number;
  readonly stream: boolean;
  /** The run's key from the prompt (`run=<key>`), so fallback attempts are attributed to their run. */
  readonly run: string;
}

export interface FaultUpstream {
  /** Base URLs for `modelPlane.providers.<name>.baseUrl`. */
  readonly baseUrls: { readonly deepseek: string; readonly kimi: string };
  readonly attempts: readonly Attempt[];
  attemptsOf(run: string): Attempt[];
  close(): Promise<void>;
}

interface ChatBody {
  readonly model: string;
  readonly stream: boolean;
  readonly lastRole: string;
  readonly prompt: string;
}

function parseBody(raw: string): ChatBody {
  const body = JSON.parse(raw) as { model?: unknown; stream?: unknown; messages?: unknown };
  const messages = Array.isArray(body.messages)
    ? (body.messages as { role?: unknown; content?: unknown }[])
    : [];
  const last = messages.at(-1);
  const text = (content: unknown): string =>
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content.map((part: { text?: unknown }) => (typeof part.text === 'string' ? part.text : '')).join('')
        : '';
  const prompt = messages
    .filter((message) => message.role === 'user')
    .map((message) => text(message.content))
    .join('\n');
  return {
    model: typeof body.model === 'string' ? body.model : '',
    stream: body.stream === true,
    lastRole: typeof last?.role === 'string' ? last.role : '',
    prompt,
  };
}

const USAGE = { prompt_tokens: 12, completion_tokens: 24, total_tokens: 36 };

function chunk(model: string, delta: Record<string, unknown>, finish: string | null = null): string {
  const body = {
    id: 'chatcmpl-fault',
    object: 'chat.completion.chunk',
    created: 1_735_689_600,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}

function usageChunk(model: string): string {
  const body = {
    id: 'chatcmpl-fault',
    object: 'chat.completion.chunk',
    created: 1_735_689_600,
    model,
    choices: [],
    usage: USAGE,
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}

function completion(model: string, text: string): string {
  return JSON.stringify({
    id: 'chatcmpl-fault',
    object: 'chat.completion',
    created: 1_735_689_600,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: USAGE,
  });
}

function sendError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(
    JSON.stringify({
      error: { message, type: status === 429 ? 'rate_limit_error' : 'invalid_request_error', code },
    }),
  );
}

const wait = (ms: number, socket: Socket): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** Streams `tokens`; `after` decides what follows the last one: the terminator, a cut, a stall. */
async function streamTokens(
  response: ServerResponse,
  model: string,
  tokens: readonly string[],
  options: { readonly malformedAt?: number; readonly end: 'done' | 'no-done' | 'cut' | 'stall' },
): Promise<void> {
  const socket = response.socket as Socket;
  if (!response.headersSent) response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.write(chunk(model, { role: 'assistant', content: '' }));
  for (const [index, token] of tokens.entries()) {
    if (index === options.malformedAt) response.write('data: {"choices":[{"delta":{"content":\n\n');
    response.write(chunk(model, { content: token }));
  }
  if (options.end === 'cut') {
    await wait(20, socket);
    socket.destroy();
    return;
  }
  if (options.end === 'stall') {
    await wait(SCALED.stallMs, socket);
    socket.destroy();
    return;
  }
  response.write(chunk(model, {}, 'stop'));
  response.write(usageChunk(model));
  if (options.end === 'no-done') {
    await wait(SCALED.holdWithoutDoneMs, socket);
    response.end();
    return;
  }
  response.end('data: [DONE]\n\n');
}

async function healthy(response: ServerResponse, body: ChatBody, tokens: readonly string[]): Promise<void> {
  if (body.stream) await streamTokens(response, body.model, tokens, { end: 'done' });
  else {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(completion(body.model, tokens.join('')));
  }
}

/** A partial non-streamed body, then the socket is dropped: the non-streamed form of a cut. */
function cutBody(response: ServerResponse, body: ChatBody): void {
  const whole = completion(body.model, PRIMARY_TOKENS.join(''));
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(whole.length) });
  response.write(whole.slice(0, 80));
  setTimeout(() => response.socket?.destroy(), 20);
}

async function serveScenario(
  scenario: ScenarioId,
  nth: number,
  firstAt: number,
  request: IncomingMessage,
  response: ServerResponse,
  body: ChatBody,
): Promise<void> {
  const socket = request.socket;
  const cutTokens = PRIMARY_TOKENS.slice(0, SCALED.cutAfterTokens);
  switch (scenario) {
    case 's01':
      if (nth === 1)
        return sendError(response, 429, 'rate_limit_exceeded', 'Rate limit reached.', {
          'retry-after': String(SCALED.retryAfterS),
        });
      return healthy(response, body, PRIMARY_TOKENS);
    case 's02':
      return sendError(response, 429, 'rate_limit_exceeded', 'Rate limit reached.');
    case 's03':
      if (nth === 1) return sendError(response, 500, 'server_error', 'Internal error.');
      return healthy(response, body, PRIMARY_TOKENS);
    case 's04':
    case 's16':
      return sendError(response, 503, 'overloaded', 'Service unavailable.');
    case 's05':
      if (nth === 1) {
        socket.resetAndDestroy();
        return;
      }
      return healthy(response, body, PRIMARY_TOKENS);
    case 's06':
      // Accept and never answer; the proxy's deadline (or the lane's close) ends the connection.
      await wait(60_000, socket);
      return;
    case 's07':
    case 's07t':
      response.writeHead(200, { 'content-type': body.stream ? 'text/event-stream' : 'application/json' });
      response.flushHeaders();
      await wait(scenario === 's07' ? SCALED.firstTokenDelayMs : SCALED.slowFirstTokenDelayMs, socket);
      if (socket.destroyed) return;
      if (body.stream) return streamTokens(response, body.model, PRIMARY_TOKENS, { end: 'done' });
      response.end(completion(body.model, PRIMARY_TOKENS.join('')));
      return;
    case 's08':
    case 's14':
      if (!body.stream) return cutBody(response, body);
      return streamTokens(response, body.model, cutTokens, { end: 'cut' });
    case 's09':
      if (!body.stream) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write(completion(body.model, PRIMARY_TOKENS.join('')).slice(0, 80));
        await wait(SCALED.stallMs, socket);
        socket.destroy();
        return;
      }
      return streamTokens(response, body.model, PRIMARY_TOKENS.slice(0, SCALED.stallAfterTokens), {
        end: 'stall',
      });
    case 's10':
      if (!body.stream) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"id":"chatcmpl-fault","choices":[{"message":{"content":');
        return;
      }
      return streamTokens(response, body.model, PRIMARY_TOKENS, { malformedAt: 4, end: 'done' });
    case 's11':
      if (!body.stream) return healthy(response, body, PRIMARY_TOKENS);
      return streamTokens(response, body.model, PRIMARY_TOKENS, { end: 'no-done' });
    case 's12':
      return sendError(
        response,
        400,
        'context_length_exceeded',
        "This model's maximum context length is 8192 tokens; your messages resulted in 9000 tokens.",
      );
    case 's13':
      return sendError(
        response,
        400,
        'content_policy_violation',
        'Your request was rejected as a result of our safety system (content_policy_violation).',
      );
    case 's15':
      if (performance.now() - firstAt < SCALED.outageMs)
        return sendError(response, 503, 'overloaded', 'Service unavailable.');
      return healthy(response, body, PRIMARY_TOKENS);
  }
}

export async function startFaultUpstream(): Promise<FaultUpstream> {
  const attempts: Attempt[] = [];
  const firstAttemptAt = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (part: string) => (raw += part));
    request.on('end', () => {
      void (async () => {
        const provider = request.url?.startsWith('/kimi/') === true ? 'kimi' : 'deepseek';
        let body: ChatBody;
        try {
          body = parseBody(raw);
        } catch {
          return sendError(response, 400, 'invalid_json', 'The body is not JSON.');
        }
        const at = performance.now();
        const run = /run=(\S+)/.exec(body.prompt)?.[1] ?? '';
        attempts.push({ provider, model: body.model, at, stream: body.stream, run });
        if (provider === 'kimi') {
          // The fallback takes no assistant prefill (S14: a spliced continuation would need one).
          if (body.lastRole === 'assistant')
            return sendError(response, 400, 'invalid_request_error', 'Assistant prefill is not supported.');
          return healthy(response, body, FALLBACK_TOKENS);
        }
        const scenario = scenarioOf(body.model);
        if (scenario === undefined) return healthy(response, body, PRIMARY_TOKENS);
        if (!firstAttemptAt.has(body.model)) firstAttemptAt.set(body.model, at);
        const nth = attempts.filter((attempt) => attempt.model === body.model).length;
        await serveScenario(scenario, nth, firstAttemptAt.get(body.model) ?? at, request, response, body);
      })().catch(() => response.socket?.destroy());
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    baseUrls: { deepseek: `${url}/deepseek/v1`, kimi: `${url}/kimi/v1` },
    attempts,
    attemptsOf: (run) => attempts.filter((attempt) => attempt.run === run),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
