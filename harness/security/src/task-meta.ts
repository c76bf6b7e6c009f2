/**
 * Figures the security tests attach to their results (`task.meta`); the gap report reads numeric meta
 * as an evidence item's figures (p(95)/p(99)/avg render as milliseconds).
 */
declare module 'vitest' {
  interface TaskMeta {
    'p(95)'?: number;
    'p(99)'?: number;
    avg?: number;
    requests_per_s?: number;
    fuzz_seed?: number;
    rss_idle_kib?: number;
    rss_before_kib?: number;
    rss_after_kib?: number;
  }
}

export {};
