/**
 * Fastify wiring for client-key auth. Auth is opt-out per route (`config: { public: true }`), so a
 * route someone forgets to mark — or an unknown URL — is protected, never open.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SwitchyardConfig } from '../config/schema.ts';
import { authenticate } from './authenticate.ts';
import { KeySet } from './key-set.ts';

/** Route option marking a route as reachable without a key (health probes only). */
export interface PublicRouteConfig {
  readonly public?: boolean;
}

export type PrincipalOf = (request: FastifyRequest) => string | undefined;

export function isPublicRoute(request: FastifyRequest): boolean {
  const config = request.routeOptions.config as PublicRouteConfig | undefined;
  return config?.public === true;
}

/** Installs the onRequest auth hook and returns the principal lookup the model plane receives. */
export function installAuth(app: FastifyInstance, auth: SwitchyardConfig['auth']): PrincipalOf {
  const keys = new KeySet(auth.keys);
  const principals = new WeakMap<FastifyRequest, string>();
  if (!keys.isEmpty) {
    app.addHook('onRequest', (request, _reply, done) => {
      if (isPublicRoute(request)) return done();
      try {
        const { principal } = authenticate(keys, request.headers, request.url, auth.acceptQueryKey);
        principals.set(request, principal);
        done();
      } catch (error) {
        done(error as Error);
      }
    });
  }
  return (request) => principals.get(request);
}
