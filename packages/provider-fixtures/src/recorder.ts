import type { ProviderId } from './providers.ts';
import type { FixtureRequest } from './request.ts';

/** What the proxy sent upstream, as a test asserts it. */
export interface RecordedRequest {
  readonly provider: ProviderId;
  readonly method: string;
  /** Absolute URL as the upstream saw it (for the loopback server: its own address and `/<provider>` prefix). */
  readonly url: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body, `undefined` when empty or not JSON (then see `bodyText`). */
  readonly body: unknown;
  readonly bodyText: string;
}

export interface RequestRecorder {
  record(provider: ProviderId, request: FixtureRequest): void;
  /** Everything recorded so far, oldest first; optionally only one provider's. */
  requests(provider?: ProviderId): readonly RecordedRequest[];
  clear(): void;
}

/** Each server or test owns its recorder: no module-level state shared between tests. */
export function createRequestRecorder(): RequestRecorder {
  const recorded: RecordedRequest[] = [];
  return {
    record(provider, request) {
      recorded.push({
        provider,
        method: request.method,
        url: request.url,
        headers: { ...request.headers },
        body: request.body,
        bodyText: request.bodyText,
      });
    },
    requests(provider) {
      return provider === undefined ? [...recorded] : recorded.filter((entry) => entry.provider === provider);
    },
    clear() {
      recorded.length = 0;
    },
  };
}
