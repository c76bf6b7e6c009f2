/** Scripted providers for streaming tests (kept beside the streaming code they exercise). */
import type { CanonicalRequest } from '../canonical/request.ts';
import type { StreamPart } from '../canonical/stream-part.ts';
import type { Provider, ProviderModel, RequestMetadata, StreamOptions } from '../providers/provider.ts';

export type Step = StreamPart | Error | 'hang' | 'hang-ignoring-signal' | { readonly sleepMs: number };

/**
 * Plays `script(attempt)` one step at a time: an event is yielded, an Error thrown, 'hang' waits for
 * the abort signal, 'hang-ignoring-signal' never settles (a badly behaved adapter), `{ sleepMs }` pauses.
 */
export class ScriptedProvider implements Provider {
  readonly name: string;
  readonly calls: RequestMetadata[] = [];
  /** Every canonical request it was asked to answer, in order. */
  readonly requests: CanonicalRequest[] = [];
  abortedAt: number | undefined;
  private readonly script: (attempt: number) => readonly Step[];

  constructor(name: string, script: (attempt: number) => readonly Step[]) {
    this.name = name;
    this.script = script;
  }

  models(): readonly ProviderModel[] {
    return [{ id: 'scripted', displayName: 'Scripted', created: 0 }];
  }

  supportsModel(model: string): boolean {
    return model === 'scripted';
  }

  async *stream(request: CanonicalRequest, { signal, metadata }: StreamOptions): AsyncGenerator<StreamPart> {
    this.calls.push(metadata);
    this.requests.push(request);
    signal.addEventListener('abort', () => (this.abortedAt = Date.now()), { once: true });
    for (const step of this.script(metadata.attempt)) {
      if (step === 'hang') {
        await new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
        );
      } else if (step === 'hang-ignoring-signal') {
        await new Promise(() => undefined);
      } else if (step instanceof Error) {
        throw step;
      } else if ('sleepMs' in step) {
        await new Promise((resolve) => setTimeout(resolve, step.sleepMs));
      } else {
        yield step;
      }
    }
  }
}

export const USAGE = { inputTokens: 1, outputTokens: 1 };
export const START: StreamPart = {
  type: 'stream-start',
  warnings: [],
  usage: { inputTokens: 1, outputTokens: 0 },
};
export const TEXT: StreamPart = { type: 'text-delta', id: 'text', delta: 'hi' };
export const FINISH: StreamPart = { type: 'finish', reason: 'stop', usage: USAGE };
