/**
 * Fallback chains (issue 10): which targets serve a model name, in order. A name with no route is its own
 * single target. A request may add fallbacks of its own with the `x-switchyard-fallback` header
 * (comma-separated targets tried after the route's).
 */
import { resolveModel } from '../models/resolve.ts';
import type { ProviderRegistry } from '../providers/registry.ts';

export type Routes = Readonly<Record<string, readonly string[]>>;

export const FALLBACK_HEADER = 'x-switchyard-fallback';

/** At most this many targets per request, route and header together: a chain is a fallback, not a fan-out. */
export const MAX_TARGETS = 8;

export function routeTargets(routes: Routes, requested: string, extra: readonly string[] = []): string[] {
  // Own keys only: a client's model named `constructor` must not find Object.prototype's.
  const chain = Object.hasOwn(routes, requested) ? (routes[requested] ?? [requested]) : [requested];
  return [...chain, ...extra].slice(0, MAX_TARGETS);
}

/** The targets named by a request's `x-switchyard-fallback` header (none when absent). */
export function fallbackHeaderTargets(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return text
    .split(',')
    .map((target) => target.trim())
    .filter((target) => target !== '');
}

/**
 * Every route target must be served by a configured provider: a typo or a provider without a key would
 * otherwise only show when the primary fails, which is the worst moment to learn it.
 */
export function checkRoutes(routes: Routes, registry: ProviderRegistry): void {
  for (const [name, targets] of Object.entries(routes)) {
    targets.forEach((target, index) => {
      try {
        resolveModel(target, registry);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new Error(
          `modelPlane.routes.${name}[${index}] "${target}" cannot be served: ${why} Fix: give that provider a key, or remove the target.`,
          { cause: error },
        );
      }
    });
  }
}
