import { parseSseFrames } from '@switchyard/provider-fixtures';

/** The three client dialects proxy-core speaks. */
export type Dialect = 'openai-chat' | 'openai-responses' | 'anthropic-messages';
export const DIALECTS: readonly Dialect[] = ['openai-chat', 'openai-responses', 'anthropic-messages'];

export const DIALECT_PATH: Readonly<Record<Dialect, string>> = {
  'openai-chat': '/v1/chat/completions',
  'openai-responses': '/v1/responses',
  'anthropic-messages': '/v1/messages',
};

export const PROMPT = 'hello';

export const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

export interface ClientRequestOptions {
  readonly model: string;
  readonly stream: boolean;
  readonly tools?: boolean;
  /** Extra body fields (e.g. `reasoning_effort`, `thinking`). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** The smallest natural request of each dialect, as an SDK would send it. */
export function clientRequest(dialect: Dialect, options: ClientRequestOptions): Record<string, unknown> {
  const { model, stream } = options;
  const tools = options.tools === true ? { tools: [toolDefinition(dialect)] } : {};
  switch (dialect) {
    case 'openai-chat':
      return {
        model,
        stream,
        ...(stream ? { stream_options: { include_usage: true } } : {}),
        messages: [{ role: 'user', content: PROMPT }],
        ...tools,
        ...options.extra,
      };
    case 'openai-responses':
      return { model, stream, input: PROMPT, ...tools, ...options.extra };
    case 'anthropic-messages':
      return {
        model,
        stream,
        max_tokens: 4096,
        messages: [{ role: 'user', content: PROMPT }],
        ...tools,
        ...options.extra,
      };
  }
}

export function toolDefinition(dialect: Dialect): Record<string, unknown> {
  const { name, description, parameters } = WEATHER_TOOL;
  if (dialect === 'openai-chat') return { type: 'function', function: { name, description, parameters } };
  if (dialect === 'openai-responses') return { type: 'function', name, description, parameters };
  return { name, description, input_schema: parameters };
}

/** One SSE frame as the client saw it: its event name (or `data` for chat) and parsed JSON. */
export interface ClientFrame {
  readonly event: string;
  readonly data: Record<string, unknown>;
}

export function clientFrames(text: string): ClientFrame[] {
  return parseSseFrames(text).flatMap((frame) => {
    if (frame.data === '[DONE]') return [{ event: '[DONE]', data: {} }];
    const data = JSON.parse(frame.data) as Record<string, unknown>;
    return [{ event: frame.event ?? (typeof data['type'] === 'string' ? data['type'] : 'data'), data }];
  });
}
