/**
 * The routes a client can POST to, the error dialect each speaks, and checks of those error shapes:
 *   OpenAI:    { "error": { "message", "type", "param", "code" } }  (chat, Responses, control plane)
 *   Anthropic: { "type": "error", "error": { "type", "message" } }  (/v1/messages)
 *   Gemini:    { "error": { "code": <HTTP status>, "message", "status" } }  (/v1beta/models/{model}:…)
 */
export type ErrorDialect = 'openai' | 'anthropic' | 'gemini';

/** The Gemini route, with a provider-qualified model in the path as a Gemini SDK sends it. */
export const GEMINI_ROUTE = '/v1beta/models/mock/mock-small:generateContent';

export const POST_ROUTES = [
  '/v1/chat/completions',
  '/v1/responses',
  '/v1/messages',
  '/message',
  GEMINI_ROUTE,
] as const;
export type PostRoute = (typeof POST_ROUTES)[number];

export function dialectOf(path: string): ErrorDialect {
  if (path.startsWith('/v1beta/')) return 'gemini';
  return path.startsWith('/v1/messages') ? 'anthropic' : 'openai';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why `body` is not an error in `dialect`'s shape; undefined when it is. */
export function errorShapeProblem(dialect: ErrorDialect, body: unknown): string | undefined {
  if (!isRecord(body)) return 'the body is not a JSON object';
  const error = body['error'];
  if (!isRecord(error)) return 'no "error" object';
  if (typeof error['message'] !== 'string' || error['message'] === '')
    return 'error.message is not a non-empty string';
  if (dialect === 'gemini') {
    if (typeof error['code'] !== 'number') return 'error.code is not the HTTP status number (Gemini shape)';
    if (typeof error['status'] !== 'string' || error['status'] === '')
      return 'error.status is not a non-empty string (Gemini shape)';
    return undefined;
  }
  if (typeof error['type'] !== 'string' || error['type'] === '')
    return 'error.type is not a non-empty string';
  if (dialect === 'anthropic') {
    if (body['type'] !== 'error') return 'type is not "error" (Anthropic shape)';
    return undefined;
  }
  if (!('param' in error) || !(error['param'] === null || typeof error['param'] === 'string'))
    return 'error.param is neither a string nor null';
  if (!('code' in error) || !(error['code'] === null || typeof error['code'] === 'string'))
    return 'error.code is neither a string nor null';
  return undefined;
}

/** Parses JSON, or undefined for anything that is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
