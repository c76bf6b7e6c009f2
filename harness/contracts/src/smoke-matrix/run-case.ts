import type { SmokeCase } from './cases.ts';

export type CaseStatus = 'passed' | 'failed' | 'skipped' | 'not-run';

export interface CaseResult {
  readonly id: string;
  readonly provider: string;
  readonly model: string;
  readonly status: CaseStatus;
  readonly reason?: string;
  readonly durationMs: number;
}

/** The header in which proxy-core names the provider that answered (docs/model-plane.md). */
export const ROUTED_PROVIDER_HEADER = 'x-switchyard-provider';

/**
 * A case passes only on HTTP 200 with a completed answer carrying non-empty text, from the provider the case
 * names (the proxy says which one answered). 401/403 are failures: they prove routing, not the provider (the
 * upstream matrix counted them as passes), and so is an answer another provider gave.
 */
export function judgeResponse(
  status: number,
  body: unknown,
  expectedProvider: string,
  routedProvider: string | null,
): { status: CaseStatus; reason?: string } {
  if (status !== 200)
    return { status: 'failed', reason: `HTTP ${status}: ${JSON.stringify(body).slice(0, 300)}` };
  if (routedProvider !== expectedProvider) {
    return {
      status: 'failed',
      reason: `HTTP 200 but answered by ${routedProvider ?? 'an unnamed provider'} (${ROUTED_PROVIDER_HEADER}), not ${expectedProvider}`,
    };
  }
  const text = outputText(body);
  if (text.trim() === '') return { status: 'failed', reason: 'HTTP 200 but the answer has no text content' };
  return { status: 'passed' };
}

function outputText(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const output = (body as { output?: unknown }).output;
  if (!Array.isArray(output)) return '';
  return output
    .flatMap((item: { content?: unknown }): unknown[] =>
      Array.isArray(item.content) ? (item.content as unknown[]) : [],
    )
    .map((value) => value as { type?: unknown; text?: unknown })
    .map((part) => (part.type === 'output_text' && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

export interface RunCaseOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly apiKey?: string;
}

/** One `POST {base}/v1/responses` with the provider-qualified model, not streamed. */
export async function runCase(entry: SmokeCase, options: RunCaseOptions): Promise<CaseResult> {
  const started = performance.now();
  const done = (verdict: { status: CaseStatus; reason?: string }): CaseResult => ({
    id: entry.id,
    provider: entry.provider,
    model: entry.model,
    ...verdict,
    durationMs: Math.round(performance.now() - started),
  });
  try {
    const response = await fetch(`${options.baseUrl}/v1/responses`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
      },
      body: JSON.stringify({ model: `${entry.provider}/${entry.model}`, input: 'ping', stream: false }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // keep the raw text for the reason
    }
    return done(
      judgeResponse(response.status, body, entry.provider, response.headers.get(ROUTED_PROVIDER_HEADER)),
    );
  } catch (error) {
    return done({
      status: 'failed',
      reason: `request failed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}
