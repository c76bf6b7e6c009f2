import type { IncomingHttpHeaders } from 'node:http';
import { isGeminiClient } from '../auth/credentials.ts';
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

/** `/v1/models` and `/v1/models/{model}`: OpenAI's model API, and the Gemini API's v1 model list. */
export function isModelListPath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return path === '/v1/models' || path.startsWith('/v1/models/');
}

/** The dialect of a request: by its URL, except that a Gemini client reading `/v1/models` is answered as one. */
export function dialectOf(request: { readonly url: string; readonly headers: IncomingHttpHeaders }): Dialect {
  const byUrl = dialectForUrl(request.url);
  if (byUrl === 'openai' && isModelListPath(request.url) && isGeminiClient(request.headers, request.url))
    return 'gemini';
  return byUrl;
}
