/**
 * DNS-rebinding guard. A page on evil.example can resolve its own name to 127.0.0.1 and then talk to
 * a loopback server with the browser's help; the `Host` header still says evil.example. While bound to
 * loopback we therefore accept only loopback names plus the hosts the operator allowed.
 */
import type { FastifyInstance } from 'fastify';
import { isLoopbackHost } from '../config/loopback.ts';
import { catalogued } from '../errors/catalogue.ts';
import { ApiError } from '../http/api-error.ts';

/** `example.com:8317` → `example.com`, `[::1]:8317` → `::1`. */
export function hostnameOf(hostHeader: string): string {
  const value = hostHeader.trim().toLowerCase();
  if (value.startsWith('['))
    return value.slice(1, value.indexOf(']') === -1 ? undefined : value.indexOf(']'));
  const colon = value.lastIndexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}

export function installHostGuard(
  app: FastifyInstance,
  bindHost: string,
  allowedHosts: readonly string[],
): void {
  if (!isLoopbackHost(bindHost)) return;
  const allowed = new Set(allowedHosts.map((host) => host.trim().toLowerCase()));
  app.addHook('onRequest', (request, _reply, done) => {
    done(hostRejection(request.headers.host, allowed));
  });
}

/** The 403 for a Host header that is neither loopback nor allowed; undefined when it may pass. */
export function hostRejection(
  hostHeader: string | undefined,
  allowed: ReadonlySet<string>,
): ApiError | undefined {
  // HTTP/1.0 clients may omit Host; browsers never do, so there is nothing to rebind.
  if (hostHeader === undefined) return undefined;
  const hostname = hostnameOf(hostHeader);
  if (isLoopbackHost(hostname) || allowed.has(hostname)) return undefined;
  return new ApiError({
    ...catalogued('host_not_allowed'),
    message:
      `Host "${hostname}" is not allowed while Switchyard listens on loopback (DNS-rebinding guard). ` +
      'Fix: add it to server.allowedHosts (SWITCHYARD_ALLOWED_HOSTS).',
  });
}
