/**
 * fast-check generators of hostile requests for every POST route and the Responses WebSocket:
 * structurally plausible bodies (the routes' real field names with wrong types, huge arrays, deep nesting,
 * odd unicode, nulls, out-of-range numbers, prototype keys), valid bodies, and raw garbage; with and
 * without Idempotency-Key; right, wrong and missing keys; right and wrong content types.
 *
 * Bodies are built as JSON TEXT, not JS values, so a generator can write what JSON.stringify never would:
 * duplicate keys, `"__proto__"` keys, 1e400, nesting thousands deep.
 */
import fc from 'fast-check';
import { GEMINI_ROUTE, POST_ROUTES, type PostRoute } from './dialect-shapes.ts';

export type Auth = 'right' | 'wrong' | 'none';

export interface HttpCase {
  readonly kind: 'http';
  readonly route: PostRoute;
  readonly body: string;
  /** Garbage bodies are bytes, not text. */
  readonly rawBody?: Uint8Array | undefined;
  readonly contentType: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly auth: Auth;
  /** A well-formed request to the mock provider: must be answered with a 2xx. */
  readonly valid: boolean;
}

export interface WsFrame {
  readonly text?: string | undefined;
  readonly bytes?: Uint8Array | undefined;
  /** A well-formed `response.create` for the mock provider: must complete. */
  readonly valid: boolean;
}

export interface WsCase {
  readonly kind: 'ws';
  readonly frames: readonly WsFrame[];
}

export type FuzzCase = HttpCase | WsCase;

export const VALID_MODEL = 'mock/mock-small';

/** Field names each route reads, so generated bodies reach the decoders instead of the first type check. */
const FIELDS: Readonly<Record<PostRoute, readonly string[]>> = {
  '/v1/chat/completions': [
    'model',
    'messages',
    'stream',
    'max_tokens',
    'max_completion_tokens',
    'temperature',
    'top_p',
    'n',
    'stop',
    'tools',
    'tool_choice',
    'response_format',
    'reasoning_effort',
    'stream_options',
    'user',
    'metadata',
    'parallel_tool_calls',
    'logit_bias',
    'seed',
  ],
  '/v1/responses': [
    'model',
    'input',
    'instructions',
    'stream',
    'tools',
    'tool_choice',
    'reasoning',
    'max_output_tokens',
    'temperature',
    'previous_response_id',
    'store',
    'text',
    'metadata',
    'include',
    'truncation',
  ],
  '/v1/messages': [
    'model',
    'messages',
    'max_tokens',
    'system',
    'stream',
    'tools',
    'tool_choice',
    'thinking',
    'temperature',
    'top_k',
    'top_p',
    'stop_sequences',
    'metadata',
  ],
  '/message': ['session_id', 'message', 'capability', 'model'],
  [GEMINI_ROUTE]: [
    'contents',
    'systemInstruction',
    'tools',
    'toolConfig',
    'generationConfig',
    'safetySettings',
    'cachedContent',
  ],
};

const MESSAGE_FIELDS = [
  'role',
  'content',
  'name',
  'tool_calls',
  'tool_call_id',
  'type',
  'text',
  'source',
  'image_url',
];
const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  'hasOwnProperty',
  'toString',
];

const str = (text: string) => JSON.stringify(text);

/** Text a person might type, minus the mock's `[mock:…]` directives (they ask it to fail on purpose). */
const prose = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 80 })
  .filter((text) => text.trim() !== '' && !text.includes('[mock:'));

const oddUnicode = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.constantFrom(
    '\u0000',
    '\u202e\u0041',
    '\ud800',
    '\udfff\ud800',
    '\ufeff',
    'e\u0301\u0301\u0301',
    '\u{1F600}'.repeat(50),
  ),
);

const outOfRange = fc.constantFrom(
  '1e400',
  '-1e400',
  '-0',
  '9007199254740993',
  '123456789012345678901234567890',
  '-1',
  '0',
  '1e-400',
  '2147483648',
  '-2147483649',
  '0.0000001',
  '1.7976931348623157e308',
);

/** Deep nesting, thousands of levels; no recursion should ever follow it. */
const deep = fc
  .tuple(fc.integer({ min: 64, max: 12_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

const hugeArray = fc
  .tuple(
    fc.integer({ min: 1_000, max: 20_000 }),
    fc.constantFrom('0', 'null', '"x"', '{}', '[]', '{"role":"user","content":"a"}'),
  )
  .map(([count, item]) => `[${Array.from({ length: count }, () => item).join(',')}]`);

const protoObject = fc
  .tuple(fc.constantFrom(...PROTO_KEYS), fc.jsonValue({ maxDepth: 2 }))
  .map(([key, value]) => `{${str(key)}:{"polluted":true,"x":${JSON.stringify(value)}}}`);

/** One JSON value in text form, from the hostile menu. */
const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null') },
  { weight: 2, arbitrary: oddUnicode.map(str) },
  { weight: 2, arbitrary: outOfRange },
  { weight: 1, arbitrary: fc.constant('null') },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: hugeArray },
  { weight: 1, arbitrary: protoObject },
  {
    weight: 1,
    arbitrary: fc.constantFrom('true', 'false', '""', '[]', '{}', '"mock/mock-small"', '"mock/../../etc"'),
  },
);

/** An object whose keys are real field names (some hostile ones added) and whose values are hostile. */
const plausibleObject = (fields: readonly string[], maxKeys: number) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(
          { weight: 8, arbitrary: fc.constantFrom(...fields) },
          { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS) },
          { weight: 1, arbitrary: oddUnicode },
        ),
        hostileValue,
      ),
      { minLength: 0, maxLength: maxKeys },
    )
    .map((pairs) => `{${pairs.map(([key, value]) => `${str(key)}:${value}`).join(',')}}`);

/** Messages that look like messages: right keys, hostile values, sometimes very many. */
const plausibleMessages = fc
  .array(plausibleObject(MESSAGE_FIELDS, 4), { minLength: 0, maxLength: 6 })
  .map((items) => `[${items.join(',')}]`);

function validBody(route: PostRoute, text: string, stream: boolean): string {
  switch (route) {
    case '/v1/chat/completions':
      return JSON.stringify({ model: VALID_MODEL, messages: [{ role: 'user', content: text }], stream });
    case '/v1/responses':
      return JSON.stringify({ model: VALID_MODEL, input: text, stream });
    case '/v1/messages':
      return JSON.stringify({
        model: VALID_MODEL,
        max_tokens: 64,
        messages: [{ role: 'user', content: text }],
        stream,
      });
    case '/message':
      return JSON.stringify({ message: text, model: VALID_MODEL });
    case GEMINI_ROUTE:
      // The model is in the path; `stream` has no body field in Gemini (the method names it).
      return JSON.stringify({ contents: [{ role: 'user', parts: [{ text }] }] });
  }
}

/** A valid body with one field replaced (or one added) by a hostile value. */
const mutatedBody = (route: PostRoute) =>
  fc
    .tuple(prose, fc.boolean(), fc.constantFrom(...FIELDS[route], ...PROTO_KEYS), hostileValue)
    // Appended last, so with a duplicate key the hostile value is the one JSON.parse keeps.
    .map(
      ([text, stream, field, value]) =>
        `${validBody(route, text, stream).slice(0, -1)},${str(field)}:${value}}`,
    );

const structuredBody = (route: PostRoute) =>
  fc.oneof(
    { weight: 3, arbitrary: plausibleObject(FIELDS[route], 8) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(plausibleObject(FIELDS[route], 5), plausibleMessages)
        .map(([object, messages]) =>
          `{"messages":${messages},"model":${str(VALID_MODEL)},${object.slice(1)}`.replace(/,}$/, '}'),
        ),
    },
    { weight: 3, arbitrary: mutatedBody(route) },
    { weight: 1, arbitrary: hostileValue },
  );

const garbage: fc.Arbitrary<{ text: string; bytes?: Uint8Array }> = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => ({ text: '', bytes })),
  fc.string({ unit: 'binary', maxLength: 512 }).map((text) => ({ text })),
  fc.json({ maxDepth: 2 }).map((text) => ({ text: text.slice(0, Math.max(1, Math.floor(text.length / 2))) })),
  fc
    .constantFrom('', '{', '{"model":', 'null', '[', ']', '{}}', '\u0000', 'undefined', 'NaN')
    .map((text) => ({ text })),
  fc.integer({ min: 300_000, max: 400_000 }).map((size) => ({ text: `{"model":"${'x'.repeat(size)}"}` })),
);

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/vnd.api+json'];
const WRONG_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  '*/*',
  'application/JSON',
  'text/json',
  '',
];
const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...JSON_TYPES) },
  { weight: 2, arbitrary: fc.constantFrom(...WRONG_TYPES) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const idempotencyKey = fc.option(
  fc.oneof(fc.uuid(), fc.string({ unit: 'grapheme-ascii', maxLength: 300 }), fc.constant('')),
  { nil: undefined, freq: 3 },
);

const auth: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 17, arbitrary: fc.constant('right' as const) },
  { weight: 2, arbitrary: fc.constant('wrong' as const) },
  { weight: 1, arbitrary: fc.constant('none' as const) },
);

const httpCase = (route: PostRoute): fc.Arbitrary<HttpCase> =>
  fc.oneof(
    {
      weight: 2,
      arbitrary: fc
        .record({
          text: prose,
          stream: fc.boolean(),
          idempotencyKey: fc.option(fc.uuid(), { nil: undefined }),
        })
        .map(({ text, stream, idempotencyKey: key }): HttpCase => ({
          kind: 'http',
          route,
          body: validBody(route, text, stream),
          contentType: 'application/json',
          idempotencyKey: stream ? undefined : key,
          auth: 'right',
          valid: true,
        })),
    },
    {
      weight: 6,
      arbitrary: fc
        .record({ body: structuredBody(route), contentType, idempotencyKey, auth })
        .map((fields): HttpCase => ({ kind: 'http', route, rawBody: undefined, valid: false, ...fields })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ garbage, contentType, idempotencyKey, auth })
        .map(({ garbage: raw, ...fields }): HttpCase => ({
          kind: 'http',
          route,
          body: raw.text,
          rawBody: raw.bytes,
          valid: false,
          ...fields,
        })),
    },
  );

const wsFrame: fc.Arbitrary<WsFrame> = fc.oneof(
  {
    weight: 3,
    arbitrary: prose.map((text) => ({
      text: JSON.stringify({ type: 'response.create', model: VALID_MODEL, input: text }),
      valid: true,
    })),
  },
  {
    weight: 5,
    arbitrary: plausibleObject(FIELDS['/v1/responses'], 6).map((object) => ({
      text: `{"type":"response.create",${object.slice(1)}`.replace(/,}$/, '}'),
      valid: false,
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('response.append', 'response.cancel', 'session.update', '', '__proto__'),
        plausibleObject(['input', 'model', 'previous_response_id'], 3),
      )
      .map(([type, object]) => ({
        text: `{"type":${str(type)},${object.slice(1)}`.replace(/,}$/, '}'),
        valid: false,
      })),
  },
  {
    weight: 2,
    arbitrary: garbage.map(({ text, bytes }) => ({
      text: bytes === undefined ? text : undefined,
      bytes,
      valid: false,
    })),
  },
);

const wsCase: fc.Arbitrary<WsCase> = fc
  .array(wsFrame, { minLength: 1, maxLength: 3 })
  .map((frames) => ({ kind: 'ws', frames }));

/** One case: every POST route equally, the WebSocket a little less often (a case there is a whole connection). */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  ...POST_ROUTES.map((route) => ({ weight: 5, arbitrary: httpCase(route) })),
  { weight: 2, arbitrary: wsCase },
);

/** How many requests (HTTP requests or WebSocket frames) a case sends. */
export function requestsIn(fuzz: FuzzCase): number {
  return fuzz.kind === 'http' ? 1 : fuzz.frames.length;
}
