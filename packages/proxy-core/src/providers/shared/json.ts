/**
 * Narrowing helpers for upstream JSON. Upstream bodies are `unknown` at the boundary; decoders read
 * them through these instead of casting, so a missing or mistyped field is `undefined`, never a crash.
 */
import { upstreamCode, type UpstreamCode } from '../../errors/catalogue.ts';

export type JsonObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? (value as readonly unknown[]) : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** An error code the upstream sent, marked as its own so it passes through untouched. */
export function asUpstreamCode(value: unknown): UpstreamCode | undefined {
  return typeof value === 'string' ? upstreamCode(value) : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Parses JSON text; undefined when it is not JSON (upstreams sometimes answer errors in HTML). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
