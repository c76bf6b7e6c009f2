import type { Citation } from '../../canonical/citation.ts';
import type { ReasoningIssuer } from '../../canonical/content.ts';
import { responsesAnnotations } from './annotations.ts';
import type { ApiErrorSpec } from '../../http/api-error.ts';
import type { FinishReason } from '../../canonical/finish-reason.ts';
import { totalTokens, type Usage } from '../../canonical/usage.ts';
import { sealSignature } from './reasoning-token.ts';
import type { ResponsesRequestBody } from './schema.ts';
import { translateTools, unwrapCustomInput, type ClientToolName } from './tool-policy.ts';

/** An output item as it is being built; the same records serve streamed and non-streamed answers. */
export type OutputItem =
  | {
      readonly kind: 'message';
      readonly id: string;
      text: string;
      /** What the text cites, known at its end (annotations.ts gives the client's `annotations`). */
      citations?: readonly Citation[];
    }
  | {
      readonly kind: 'reasoning';
      readonly id: string;
      text: string;
      /**
       * The provider's proof of this reasoning (Anthropic's thinking signature), handed to the client as
       * `encrypted_content` so a replay can give it back: Anthropic refuses a tool call replayed without it.
       */
      signature?: string;
      issuer?: ReasoningIssuer;
    }
  | {
      readonly kind: 'function_call';
      readonly id: string;
      readonly callId: string;
      /** The canonical (provider-facing) name; `client` is what the client's tool list calls it. */
      readonly name: string;
      readonly client: ClientToolName;
      /** Canonical arguments (JSON text; `{input}` for a custom tool). */
      arguments: string;
    }
  | {
      /** An upstream Responses item the proxy does not model (a hosted tool's call), relayed as it came. */
      readonly kind: 'native';
      readonly id: string;
      json: Readonly<Record<string, unknown>>;
    };

/** How the client named each tool a call can come back for (tool-policy.ts), from the request's tool list. */
export function clientToolNames(body: ResponsesRequestBody): ReadonlyMap<string, ClientToolName> {
  return translateTools(body.tools ?? []).names;
}

/** A call to a tool the request did not offer keeps its name: the client reports it, not the proxy. */
export function clientNameOf(names: ReadonlyMap<string, ClientToolName>, name: string): ClientToolName {
  return names.get(name) ?? { name, custom: false };
}

function issuerOf(item: { readonly issuer?: ReasoningIssuer }): { issuer?: ReasoningIssuer } {
  return item.issuer === undefined ? {} : { issuer: item.issuer };
}

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

export function outputTextPart(text: string, citations?: readonly Citation[]): Record<string, unknown> {
  return { type: 'output_text', text, annotations: responsesAnnotations(citations, text), logprobs: [] };
}

export function itemJson(item: OutputItem, status: ItemStatus): Record<string, unknown> {
  switch (item.kind) {
    case 'native':
      // The upstream's own status is the truth; a cut stream still says it did not complete.
      return status === 'incomplete' ? { ...item.json, status } : { ...item.json };
    case 'message':
      return {
        id: item.id,
        type: 'message',
        status,
        role: 'assistant',
        content: status === 'in_progress' ? [] : [outputTextPart(item.text, item.citations)],
      };
    case 'reasoning':
      return {
        id: item.id,
        type: 'reasoning',
        summary: status === 'in_progress' ? [] : [{ type: 'summary_text', text: item.text }],
        ...(status === 'in_progress' || item.signature === undefined
          ? {}
          : { encrypted_content: sealSignature({ signature: item.signature, ...issuerOf(item) }) }),
      };
    case 'function_call': {
      const namespace = item.client.namespace === undefined ? {} : { namespace: item.client.namespace };
      if (item.client.custom) {
        return {
          id: item.id,
          type: 'custom_tool_call',
          status,
          call_id: item.callId,
          name: item.client.name,
          ...namespace,
          input: status === 'in_progress' ? '' : unwrapCustomInput(item.arguments),
        };
      }
      return {
        id: item.id,
        type: 'function_call',
        status,
        call_id: item.callId,
        name: item.client.name,
        ...namespace,
        arguments: item.arguments,
      };
    }
  }
}

export interface ResponsesEnvelope {
  readonly id: string;
  /** The model as the client wrote it. */
  readonly model: string;
  /** Unix seconds. */
  readonly createdAt: number;
  readonly body: ResponsesRequestBody;
}

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

export interface ResponseState {
  readonly status: ResponseStatus;
  readonly output: readonly Record<string, unknown>[];
  readonly usage?: Usage;
  readonly finishReason?: FinishReason;
  readonly error?: ApiErrorSpec;
}

export function responsesUsage(usage: Usage): Record<string, unknown> {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: {
      cached_tokens: usage.cachedInputTokens ?? 0,
      cache_write_tokens: usage.cacheWriteInputTokens ?? 0,
    },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: totalTokens(usage),
  };
}

/** Length and content-filter stops are "incomplete" in the Responses API, everything else "completed". */
export function statusFor(reason: FinishReason): 'completed' | 'incomplete' {
  return reason === 'length' || reason === 'content_filter' ? 'incomplete' : 'completed';
}

function incompleteDetails(state: ResponseState): Record<string, unknown> | null {
  if (state.status !== 'incomplete') return null;
  return { reason: state.finishReason === 'content_filter' ? 'content_filter' : 'max_output_tokens' };
}

/**
 * The codes OpenAI's reference allows in a Response's `error.code` (`ResponseErrorCode`), as far as a proxy can
 * meet them, plus `context_length_exceeded`: OpenAI's service sends it although its list lacks it, and Codex
 * acts on it (it compacts the conversation). Every other failure of the proxy's own is a `server_error`, with
 * the proxy's words in the message.
 */
const RESPONSE_ERROR_CODES = new Set([
  'server_error',
  'rate_limit_exceeded',
  'invalid_prompt',
  'context_length_exceeded',
]);

export function responseErrorCode(error: ApiErrorSpec): string {
  if (RESPONSE_ERROR_CODES.has(error.code)) return error.code;
  return error.status === 429 ? 'rate_limit_exceeded' : 'server_error';
}

type RequestTool = NonNullable<ResponsesRequestBody['tools']>[number];

/**
 * A tool as the response echoes it. OpenAI's reference requires `strict` on a function tool (boolean or null);
 * a client that left it out gets `null` ("not stated"), not a strictness no provider behind the proxy enforces.
 */
function echoTool(tool: RequestTool): RequestTool {
  if (tool.type === 'function') return { ...tool, strict: tool.strict ?? null };
  if (tool.type === 'namespace' && Array.isArray(tool['tools']))
    return { ...tool, tools: tool['tools'].map(echoTool) };
  return tool;
}

/** A request setting the client sent as a string, echoed; absent otherwise (the reference types it string-only). */
function stringSetting(body: ResponsesRequestBody, field: string): Record<string, string> {
  const value = body[field];
  return typeof value === 'string' ? { [field]: value } : {};
}

/**
 * The `response` object of the Responses API, echoing the request's settings. `usage` is absent until it is
 * known (the reference types it as an object, never null), and so is `service_tier`: the tier that served a
 * request is OpenAI's to report, and the proxy does not guess it.
 */
export function responseObject(envelope: ResponsesEnvelope, state: ResponseState): Record<string, unknown> {
  const { body } = envelope;
  const maxToolCalls = body['max_tool_calls'];
  return {
    id: envelope.id,
    object: 'response',
    created_at: envelope.createdAt,
    status: state.status,
    completed_at: state.status === 'completed' ? Math.floor(Date.now() / 1000) : null,
    background: false,
    error:
      state.error === undefined
        ? null
        : { code: responseErrorCode(state.error), message: state.error.message },
    incomplete_details: incompleteDetails(state),
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: typeof maxToolCalls === 'number' ? maxToolCalls : null,
    model: envelope.model,
    output: state.output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    ...stringSetting(body, 'prompt_cache_key'),
    ...stringSetting(body, 'safety_identifier'),
    reasoning: { effort: body.reasoning?.effort ?? null, summary: null },
    store: body.store ?? false,
    temperature: body.temperature ?? 1,
    text: { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: (body.tools ?? []).map(echoTool),
    top_p: body.top_p ?? 1,
    truncation: 'disabled',
    ...(state.usage === undefined ? {} : { usage: responsesUsage(state.usage) }),
    ...stringSetting(body, 'user'),
    metadata: body.metadata ?? {},
  };
}
