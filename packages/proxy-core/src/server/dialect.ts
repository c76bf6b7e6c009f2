import type { Dialect } from '../http/api-error.ts';

/**
 * The error shape a route's clients read: Anthropic clients call /v1/messages (and its sub-paths), Gemini clients
 * the /v1beta group (Google's shape, unknown /v1beta paths included) and `/v1/models/{model}:{method}` (the
 * Gemini API's v1, the default of `@google/genai` since 2.x); every other route speaks OpenAI errors.
 */
export function dialectForUrl(url: string): Dialect {
  const path = url.split('?', 1)[0] ?? '';
  if (path === '/v1beta' || path.startsWith('/v1beta/')) return 'gemini';
  if (path.startsWith('/v1/models/') && path.includes(':')) return 'gemini';
  return path === '/v1/messages' || path.startsWith('/v1/messages/') ? 'anthropic' : 'openai';
}
