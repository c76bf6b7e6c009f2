import type { SseFrame } from './sse-client.ts';
import { UPSTREAM_MODEL } from './topology.ts';

/** How each client dialect's stream looks: what counts as text, as its terminal event, as an error event. */
export interface ClientDialect {
  readonly name: 'chat' | 'responses' | 'messages';
  readonly path: string;
  streamingBody(prompt: string): Record<string, unknown>;
  /** The text a content frame carries ('' for any other frame). */
  textOf(frame: SseFrame): string;
  /** The success terminal: `[DONE]`, `response.completed`, `message_stop`. */
  isTerminal(frame: SseFrame): boolean;
  isError(frame: SseFrame): boolean;
}

function json(frame: SseFrame): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(frame.data);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export const CHAT: ClientDialect = {
  name: 'chat',
  path: '/v1/chat/completions',
  streamingBody: (prompt) => ({
    model: UPSTREAM_MODEL,
    stream: true,
    messages: [{ role: 'user', content: prompt }],
  }),
  textOf: (frame) => {
    const choices = json(frame)['choices'];
    const first: unknown = Array.isArray(choices) ? choices[0] : undefined;
    const delta = (first as { delta?: { content?: unknown } } | undefined)?.delta;
    return str(delta?.content);
  },
  isTerminal: (frame) => frame.data === '[DONE]',
  isError: (frame) => json(frame)['error'] !== undefined,
};

export const RESPONSES: ClientDialect = {
  name: 'responses',
  path: '/v1/responses',
  streamingBody: (prompt) => ({ model: UPSTREAM_MODEL, stream: true, input: prompt }),
  textOf: (frame) => (frame.event === 'response.output_text.delta' ? str(json(frame)['delta']) : ''),
  isTerminal: (frame) => frame.event === 'response.completed',
  isError: (frame) => frame.event === 'response.failed' || frame.event === 'error',
};

export const MESSAGES: ClientDialect = {
  name: 'messages',
  path: '/v1/messages',
  streamingBody: (prompt) => ({
    model: UPSTREAM_MODEL,
    stream: true,
    max_tokens: 64,
    messages: [{ role: 'user', content: prompt }],
  }),
  textOf: (frame) => {
    if (frame.event !== 'content_block_delta') return '';
    const delta = json(frame)['delta'] as { type?: unknown; text?: unknown } | undefined;
    return delta?.type === 'text_delta' ? str(delta.text) : '';
  },
  isTerminal: (frame) => frame.event === 'message_stop',
  isError: (frame) => frame.event === 'error',
};

export const CLIENT_DIALECTS: readonly ClientDialect[] = [CHAT, RESPONSES, MESSAGES];

/** The whole answer text of a stream, in order. */
export const textOf = (dialect: ClientDialect, frames: readonly SseFrame[]): string =>
  frames.map((frame) => dialect.textOf(frame)).join('');
