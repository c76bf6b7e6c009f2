/** A request as both servers hand it to `respond`: header names lower-cased, body parsed once. */
export interface FixtureRequest {
  readonly method: string;
  /** Absolute URL, query included (Gemini's `alt=sse` lives there). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  /** The parsed JSON body; `undefined` when the body is empty or not JSON. */
  readonly body: unknown;
}

export interface RawRequest {
  readonly method: string;
  readonly url: string;
  readonly headers:
    Iterable<readonly [string, string]> | Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly bodyText: string;
}

/** Normalises a request from either server (WHATWG `Headers` entries or node's header object). */
export function toFixtureRequest(raw: RawRequest): FixtureRequest {
  return {
    method: raw.method.toUpperCase(),
    url: raw.url,
    headers: normaliseHeaders(raw.headers),
    bodyText: raw.bodyText,
    body: parseJson(raw.bodyText),
  };
}

function normaliseHeaders(headers: RawRequest['headers']): Record<string, string> {
  const entries: Iterable<readonly [string, unknown]> = isIterable(headers)
    ? headers
    : Object.entries(headers);
  const result: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (typeof value === 'string') result[name.toLowerCase()] = value;
    else if (Array.isArray(value)) result[name.toLowerCase()] = value.join(', ');
  }
  return result;
}

function isIterable(value: RawRequest['headers']): value is Iterable<readonly [string, string]> {
  return Symbol.iterator in value;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

export function requestedModel(request: FixtureRequest): string | undefined {
  const model = field(request.body, 'model');
  return typeof model === 'string' && model !== '' ? model : undefined;
}

export function requestsStream(request: FixtureRequest): boolean {
  return field(request.body, 'stream') === true;
}

/** Chat Completions sends the trailing usage chunk only when the client asked for it. */
export function requestsStreamUsage(request: FixtureRequest): boolean {
  return field(field(request.body, 'stream_options'), 'include_usage') === true;
}

export function hasUnparseableBody(request: FixtureRequest): boolean {
  return request.bodyText.trim() !== '' && request.body === undefined;
}
