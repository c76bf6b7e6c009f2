import type { CacheBreakpoint } from '../../canonical/content.ts';
import type { MessagesCacheControl } from './schema.ts';

/** `cache_control` as a canonical breakpoint, spread into a part or tool (`{}` when there is none). */
export function cacheOf(control: MessagesCacheControl | null | undefined): { cache?: CacheBreakpoint } {
  if (control === null || control === undefined) return {};
  return { cache: control.ttl === undefined ? {} : { ttl: control.ttl } };
}
