import { http, passthrough } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import type { RequestHandler } from 'msw';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Loopback traffic (the proxy under test, toxiproxy's API) must reach real servers, while any
 * external host without a handler must fail hard. MSW's 'error' strategy blocks loopback too, so a
 * passthrough for loopback is registered first.
 */
export const loopbackPassthrough = http.all(
  ({ request }) => LOOPBACK_HOSTS.has(new URL(request.url).hostname),
  () => passthrough(),
);

/** An MSW server for contract tests: provider handlers plus the loopback passthrough, nothing else. */
export function createContractServer(...handlers: RequestHandler[]): SetupServer {
  return setupServer(loopbackPassthrough, ...handlers);
}

export function listenStrict(server: SetupServer): void {
  server.listen({ onUnhandledFrame: 'error' });
}
