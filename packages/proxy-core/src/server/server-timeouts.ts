/**
 * Node HTTP server timeouts, set explicitly so a slow-loris client (headers or body trickled a byte at a
 * time) is cut off instead of holding a socket for ever. Fastify's defaults would turn `requestTimeout` off.
 *
 * What they do not touch, on purpose: a response still being written (SSE) and upgraded WebSockets. Node's
 * `requestTimeout` and `headersTimeout` only cover *receiving* a request; `keepAliveTimeout` only idles
 * between requests. Fastify's `connectionTimeout` (socket inactivity) stays 0: a reasoning model may think
 * for minutes before its first byte, and the model plane owns those deadlines.
 */
import type { ServerOptions } from 'node:http';
import type { SwitchyardConfig } from '../config/schema.ts';

type Timeouts = SwitchyardConfig['server']['timeouts'];

/** Node checks timeouts on a timer (30 s by default); small configured timeouts need a finer one. */
export function checkingIntervalMs(timeouts: Timeouts): number {
  const shortest = Math.min(timeouts.headersMs, timeouts.requestMs);
  return Math.min(30_000, Math.max(10, Math.floor(shortest / 4)));
}

export interface ServerTimeoutOptions {
  readonly requestTimeout: number;
  readonly keepAliveTimeout: number;
  readonly connectionTimeout: number;
  readonly http: ServerOptions;
}

/** Fastify options (and node `http.createServer` options under `http`) carrying the configured timeouts. */
export function serverTimeoutOptions(timeouts: Timeouts): ServerTimeoutOptions {
  return {
    // Fastify assigns these two onto the node server after creating it, so they are given here as well.
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionTimeout: 0,
    http: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      connectionsCheckingInterval: checkingIntervalMs(timeouts),
    },
  };
}
