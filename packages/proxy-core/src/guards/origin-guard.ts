/**
 * Browser requests carry `Origin`; any origin not on the allowlist is refused with 403 before auth —
 * for plain HTTP and for WebSocket upgrades alike (the upgrade is an ordinary GET until a route
 * accepts it, so this hook sees it first). Requests without `Origin` (SDKs, curl) are not browsers.
 */
import type { FastifyInstance } from 'fastify';
import { catalogued } from '../errors/catalogue.ts';
import { ApiError } from '../http/api-error.ts';

export function installOriginGuard(app: FastifyInstance, allowedOrigins: readonly string[]): void {
  const allowed = new Set(allowedOrigins);
  app.addHook('onRequest', (request, _reply, done) => {
    done(originRejection(request.headers.origin, allowed));
  });
}

/** The 403 for an Origin not on the allowlist; undefined when it may pass. */
export function originRejection(
  origin: string | undefined,
  allowed: ReadonlySet<string>,
): ApiError | undefined {
  if (origin === undefined || allowed.has(origin)) return undefined;
  return new ApiError({
    ...catalogued('origin_not_allowed'),
    message:
      `Origin "${origin}" is not allowed. Fix: add it to cors.allowedOrigins (SWITCHYARD_CORS_ORIGINS) ` +
      'if this browser application should reach the proxy.',
  });
}
