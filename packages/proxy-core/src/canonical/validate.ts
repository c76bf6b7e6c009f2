import type { z } from 'zod';
import { catalogued } from '../errors/catalogue.ts';
import { ApiError } from '../http/api-error.ts';

/** `messages[0].content` from zod's path, so a 400 names the exact field the client got wrong. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Parses a client body with a dialect schema; the first problem becomes a 400 that names its field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError({
      ...catalogued('invalid_request_body'),
      message: 'Request body must be a JSON object.',
    });
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue === undefined ? '' : fieldPath(issue.path);
  const message = issue === undefined ? 'Invalid request body.' : issue.message;
  throw new ApiError({
    ...catalogued('invalid_request_body'),
    message: param === '' ? message : `Invalid value for '${param}': ${message}`,
    ...(param === '' ? {} : { param }),
  });
}

/** A 400 for a well-formed value the proxy cannot honour, naming the field. */
export function unsupported(param: string, message: string): ApiError {
  return new ApiError({ ...catalogued('unsupported_parameter'), message, param });
}
