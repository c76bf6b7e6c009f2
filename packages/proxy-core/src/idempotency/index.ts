/** Idempotency-Key handling: header reading, scoping, fingerprints and the claim/replay engine. */
export {
  DEFAULT_IDEMPOTENCY_RETENTION_MS,
  DEFAULT_IN_FLIGHT_LEASE_MS,
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyEngine,
  type BeginResult,
  type IdempotencyOptions,
  type IdempotencyToken,
} from './idempotency-engine.ts';
export { canonicalJson, requestFingerprint } from './fingerprint.ts';
export {
  MAX_IDEMPOTENCY_KEY_LENGTH,
  idempotencyScope,
  readIdempotencyKey,
  type IdempotencyKeyHeader,
  type IdempotencyScopeInput,
} from './idempotency-key.ts';
