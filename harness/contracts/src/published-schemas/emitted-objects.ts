/**
 * Every JSON object a client of one dialect received in one reply, each paired with the published schema it
 * must conform to: the body (success or error), or each streamed event.
 */
import { clientFrames, type Dialect } from '../rig/dialects.ts';
import type { PublishedApi } from './spec-documents.ts';

export interface EmittedObject {
  /** Where the object came from, for the failure message: `body` or `event 3 response.output_text.delta`. */
  readonly where: string;
  readonly api: PublishedApi;
  /** The component schema it must conform to, or a union whose member is picked by the object's `type`. */
  readonly schema: string;
  readonly union: boolean;
  readonly value: unknown;
}

interface DialectSchemas {
  readonly api: PublishedApi;
  readonly body: string;
  readonly error: string;
  /** The stream's schema: the chunk schema for chat, the event union for the others. */
  readonly event: string;
  readonly eventIsUnion: boolean;
}

export const DIALECT_SCHEMAS: Readonly<Record<Dialect, DialectSchemas>> = {
  'openai-chat': {
    api: 'openai',
    body: 'CreateChatCompletionResponse',
    error: 'ErrorResponse',
    event: 'CreateChatCompletionStreamResponse',
    eventIsUnion: false,
  },
  'openai-responses': {
    api: 'openai',
    body: 'Response',
    error: 'ErrorResponse',
    event: 'ResponseStreamEvent',
    eventIsUnion: true,
  },
  'anthropic-messages': {
    api: 'anthropic',
    body: 'Message',
    error: 'ErrorResponse',
    event: 'MessageStreamEvent',
    eventIsUnion: true,
  },
};

/**
 * Anthropic's streaming guide documents `ping` (`{"type":"ping"}`) but the reference has no schema for it;
 * it is checked for exactly that shape instead.
 */
export const ANTHROPIC_PING = { type: 'ping' };

export function emittedObjects(
  dialect: Dialect,
  reply: { readonly status: number; readonly text: string; readonly stream: boolean },
): EmittedObject[] {
  const schemas = DIALECT_SCHEMAS[dialect];
  const object = (where: string, schema: string, value: unknown, union = false): EmittedObject => ({
    where,
    api: schemas.api,
    schema,
    union,
    value,
  });
  if (reply.status !== 200 || !reply.stream) {
    const schema = reply.status === 200 ? schemas.body : schemas.error;
    return [object('body', schema, JSON.parse(reply.text) as unknown)];
  }
  return clientFrames(reply.text).flatMap(({ event, data }, index): EmittedObject[] => {
    const where = `event ${index} ${event}`;
    if (event === '[DONE]') return []; // chat's end-of-stream sentinel is not JSON
    // An in-stream error has no event schema of its own: it is the dialect's error object.
    if (event === 'error' && dialect !== 'openai-responses') return [object(where, schemas.error, data)];
    if (dialect === 'openai-chat' && data['error'] !== undefined) return [object(where, schemas.error, data)];
    return [object(where, schemas.event, data, schemas.eventIsUnion)];
  });
}
