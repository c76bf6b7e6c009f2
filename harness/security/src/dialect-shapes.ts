/**
 * The routes a client can POST to, the error dialect each speaks, and checks of those error shapes:
 *   OpenAI:    { "error": { "message", "type", "param", "code" } }  (chat, Responses, control plane)
 *   Anthropic: { "type": "error", "error": { "type", "message" } }  (/v1/messages)
 */
export type ErrorDialect = 'openai' | 'anthropic';

export const POST_ROUTES = ['/v1/chat/completions', '/v1/responses', '/v1/messages', '/message'] as const;
export type PostRoute = (typeof POST_ROUTES)[number];

export function dialectOf(path: string): ErrorDialect {
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
