/**
 * One client request through the proxy in one ingress dialect (chat, Responses, Messages), streamed or not, and
 * what the client saw: a success (with its text, model, usage), a clean error, a cut, or nothing at all.
 */
import { performance } from 'node:perf_hooks';
import { openSse, type SseFrame } from '../sse-client.ts';
import { CHAT, MESSAGES, RESPONSES, textOf, type ClientDialect } from '../dialects.ts';

export type Ingress = 'chat' | 'responses' | 'messages';
export const INGRESSES: readonly Ingress[] = ['chat', 'responses', 'messages'];

export interface Seen {
  /** success: a terminal success event / a 200 body; error: an HTTP error or an error event; cut: neither. */
  readonly outcome: 'success' | 'error' | 'cut' | 'hang';
  readonly status: number;
  readonly text: string;
  /** The error's code and message as the client got them (for S12/S13: the reason must reach the client). */
  readonly error?: string;
  readonly model?: string;
  readonly provider?: string;
  readonly usage: boolean;
  readonly ms: number;
}

const DIALECTS: Readonly<Record<Ingress, ClientDialect>> = {
  chat: CHAT,
  responses: RESPONSES,
  messages: MESSAGES,
};

function body(ingress: Ingress, model: string, prompt: string, stream: boolean): Record<string, unknown> {
  const messages = [{ role: 'user', content: prompt }];
  if (ingress === 'chat')
    return { model, messages, stream, ...(stream ? { stream_options: { include_usage: true } } : {}) };
  if (ingress === 'responses') return { model, input: prompt, stream };
  return { model, max_tokens: 256, messages, stream };
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function errorText(value: unknown): string {
  const json = record(value);
  const error = record(json['error'] ?? record(json['response'])['error']);
  return `${str(error['code']) || str(error['type'])}: ${str(error['message'])}`;
}

/** Text, model and usage of a non-streamed answer in each dialect. */
function readAnswer(
  ingress: Ingress,
  json: Record<string, unknown>,
): { text: string; model?: string; usage: boolean } {
  const model = typeof json['model'] === 'string' ? json['model'] : undefined;
  const usage = json['usage'] !== undefined && json['usage'] !== null;
  if (ingress === 'chat') {
    const choice = record((json['choices'] as unknown[] | undefined)?.[0]);
    const content = record(choice['message'])['content'];
    return { text: typeof content === 'string' ? content : '', ...(model ? { model } : {}), usage };
  }
  const parts: unknown[] =
    ingress === 'responses'
      ? ((json['output'] as unknown[] | undefined) ?? []).flatMap(
          (item) => (record(item)['content'] as unknown[] | undefined) ?? [],
        )
      : ((json['content'] as unknown[] | undefined) ?? []);
  const text = parts
    .map((part) => record(part))
    .filter((part) => part['type'] === 'output_text' || part['type'] === 'text')
    .map((part) => str(part['text']))
    .join('');
  return { text, ...(model ? { model } : {}), usage };
}

/** Model and usage as a stream reports them. */
function streamFacts(ingress: Ingress, frames: readonly SseFrame[]): { model?: string; usage: boolean } {
  let model: string | undefined;
  let usage = false;
  for (const frame of frames) {
    let json: Record<string, unknown>;
    try {
      json = record(JSON.parse(frame.data));
    } catch {
      continue;
    }
    if (ingress === 'chat') {
      if (typeof json['model'] === 'string') model ??= json['model'];
      if (json['usage'] !== undefined && json['usage'] !== null) usage = true;
    } else if (ingress === 'responses') {
      const response = record(json['response']);
      if (typeof response['model'] === 'string') model = response['model'];
      if (
        frame.event === 'response.completed' &&
        response['usage'] !== undefined &&
        response['usage'] !== null
      )
        usage = true;
    } else {
      const message = record(json['message']);
      if (typeof message['model'] === 'string') model ??= message['model'];
      if (frame.event === 'message_delta' && json['usage'] !== undefined) usage = true;
    }
  }
  return { ...(model ? { model } : {}), usage };
}

/** Sends one request; `timeoutMs` bounds it (past it the client gives up: a hang). */
export async function send(
  baseUrl: string,
  ingress: Ingress,
  model: string,
  prompt: string,
  stream: boolean,
  timeoutMs: number,
): Promise<Seen> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const elapsed = (): number => Math.round(performance.now() - started);
  const dialect = DIALECTS[ingress];
  try {
    if (stream) {
      const sse = await openSse(
        `${baseUrl}${dialect.path}`,
        body(ingress, model, prompt, true),
        controller.signal,
      );
      const provider = sse.response.headers.get('x-switchyard-provider') ?? undefined;
      const base = { status: sse.response.status, ...(provider ? { provider } : {}) };
      if (sse.response.status !== 200) {
        const json: unknown = await sse.response.json().catch(() => ({}));
        return { ...base, outcome: 'error', text: '', error: errorText(json), usage: false, ms: elapsed() };
      }
      const frames: SseFrame[] = [];
      for (let frame = await sse.next(); frame !== undefined; frame = await sse.next()) frames.push(frame);
      if (controller.signal.aborted)
        return { ...base, outcome: 'hang', text: textOf(dialect, frames), usage: false, ms: elapsed() };
      const errorFrame = frames.find((frame) => dialect.isError(frame));
      const terminal = frames.some((frame) => dialect.isTerminal(frame));
      const facts = streamFacts(ingress, frames);
      const outcome = errorFrame !== undefined ? 'error' : terminal ? 'success' : 'cut';
      return {
        ...base,
        ...facts,
        outcome,
        text: textOf(dialect, frames),
        ...(errorFrame === undefined ? {} : { error: errorText(JSON.parse(errorFrame.data)) }),
        ms: elapsed(),
      };
    }
    const response = await fetch(`${baseUrl}${dialect.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body(ingress, model, prompt, false)),
      signal: controller.signal,
    });
    const provider = response.headers.get('x-switchyard-provider') ?? undefined;
    const json = record(await response.json().catch(() => ({})));
    const base = { status: response.status, ...(provider ? { provider } : {}), ms: elapsed() };
    if (response.status !== 200)
      return { ...base, outcome: 'error', text: '', error: errorText(json), usage: false };
    return { ...base, outcome: 'success', ...readAnswer(ingress, json) };
  } catch {
    const outcome = controller.signal.aborted ? 'hang' : 'cut';
    return { outcome, status: 0, text: '', usage: false, ms: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}
