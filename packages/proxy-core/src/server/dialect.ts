import type { Dialect } from '../http/api-error.ts';

/** Anthropic clients call /v1/messages (and its sub-paths); every other route speaks OpenAI errors. */
export function dialectForUrl(url: string): Dialect {
  const path = url.split('?', 1)[0] ?? '';
  return path === '/v1/messages' || path.startsWith('/v1/messages/') ? 'anthropic' : 'openai';
}
