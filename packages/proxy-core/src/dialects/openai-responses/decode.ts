import type { CanonicalMessage, ContentPart, Role, TextPart } from '../../canonical/content.ts';
import type { DecodedRequest, ToolChoice } from '../../canonical/request.ts';
import { isZero, rejectUncarried, type UncarriedField } from '../../canonical/uncarried.ts';
import { parseBody, unsupported } from '../../canonical/validate.ts';
import { responsesRequestSchema, type InputItem, type ResponsesRequestBody } from './schema.ts';
import { openCompaction, summaryText } from './compaction-token.ts';
import { openSignature } from './reasoning-token.ts';
import { nativeResponsesFields } from './field-policy.ts';
import { canonicalToolName, translateTools, wrapCustomInput } from './tool-policy.ts';

/**
 * Responses fields no provider gets back to the client (see canonical/uncarried.ts): answers carry no logprobs.
 * Everything else the canonical request does not carry follows the field policy (field-policy.ts).
 */
const UNCARRIED: readonly UncarriedField[] = [
  { param: 'top_logprobs', feature: 'log probabilities', isDefault: isZero },
];

export interface DecodedResponsesRequest extends DecodedRequest {
  /** The parsed body, echoed into the response object as the Responses API does. */
  readonly body: ResponsesRequestBody;
  readonly previousResponseId: string | undefined;
  /**
   * The system and developer items of `input` (without `instructions`): part of the conversation, so a
   * continuation (`previous_response_id`) keeps them, while `instructions` apply to one response only.
   */
  readonly inputSystem: readonly TextPart[];
}

/** The system prompt of one response: its `instructions`, then the conversation's system/developer items. */
export function systemOf(
  instructions: string | null | undefined,
  inputSystem: readonly TextPart[],
): TextPart[] {
  return instructions === undefined || instructions === null || instructions === ''
    ? [...inputSystem]
    : [{ type: 'text', text: instructions }, ...inputSystem];
}

function messageParts(content: Extract<InputItem, { role: string }>['content']): ContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part): ContentPart => {
    if (part.type === 'input_image') {
      const detail = part.detail ?? undefined;
      return {
        type: 'image',
        source: 'url',
        url: part.image_url,
        ...(detail === undefined ? {} : { detail }),
      };
    }
    return { type: 'text', text: part.type === 'refusal' ? part.refusal : part.text };
  });
}

/** Appends parts to the conversation, joining consecutive items of one role into one turn. */
function append(messages: CanonicalMessage[], role: Role, parts: readonly ContentPart[]): void {
  const last = messages.at(-1);
  if (last?.role === role) messages[messages.length - 1] = { role, content: [...last.content, ...parts] };
  else messages.push({ role, content: parts });
}

/** Switchyard's own compaction turns back into its summary; anything else is OpenAI's, readable by OpenAI only. */
function compactionPart(encryptedContent: string): ContentPart {
  const summary = openCompaction(encryptedContent);
  return summary === undefined
    ? { type: 'compaction', issuer: 'openai', encryptedContent }
    : { type: 'text', text: summaryText(summary) };
}

/** Converts Responses input items into canonical system text and messages. */
export function convertInput(input: ResponsesRequestBody['input']): {
  system: TextPart[];
  messages: CanonicalMessage[];
} {
  const system: TextPart[] = [];
  const messages: CanonicalMessage[] = [];
  if (input === undefined) return { system, messages };
  if (typeof input === 'string')
    return { system, messages: [{ role: 'user', content: [{ type: 'text', text: input }] }] };
  for (const item of input) {
    if ('role' in item && (item.type === undefined || item.type === 'message')) {
      if (item.role === 'system' || item.role === 'developer') {
        const parts = messageParts(item.content);
        // System text is text everywhere downstream: an image here would vanish, so it is refused instead.
        if (parts.some((part) => part.type !== 'text')) {
          throw unsupported(
            'input',
            `Images in ${item.role} messages are not supported; send them in a user message.`,
          );
        }
        system.push({
          type: 'text',
          text: parts.map((part) => (part.type === 'text' ? part.text : '')).join(''),
        });
      } else {
        append(messages, item.role, messageParts(item.content));
      }
    } else if (item.type === 'function_call') {
      const name = canonicalToolName(item.name, item.namespace ?? undefined);
      append(messages, 'assistant', [
        { type: 'tool_call', id: item.call_id, name, arguments: item.arguments },
      ]);
    } else if (item.type === 'custom_tool_call') {
      // Canonically a custom tool is a function taking {input} (tool-policy.ts).
      const name = canonicalToolName(item.name, item.namespace ?? undefined);
      append(messages, 'assistant', [
        { type: 'tool_call', id: item.call_id, name, arguments: wrapCustomInput(item.input) },
      ]);
    } else if (item.type === 'function_call_output' || item.type === 'custom_tool_call_output') {
      const text =
        typeof item.output === 'string' ? item.output : item.output.map((part) => part.text).join('');
      append(messages, 'user', [
        { type: 'tool_result', toolCallId: item.call_id, content: [{ type: 'text', text }], isError: false },
      ]);
    } else if (item.type === 'reasoning') {
      const text = (item.summary ?? []).map((part) => part.text).join('');
      // `encrypted_content` the proxy handed out carries the provider's reasoning signature (reasoning-token.ts).
      const proof = openSignature(item.encrypted_content);
      append(messages, 'assistant', [{ type: 'reasoning', text, ...proof }]);
    } else if (item.type === 'compaction') {
      append(messages, 'user', [compactionPart(item.encrypted_content)]);
    } else if (item.type === 'compaction_trigger') {
      // Server-side compaction inside a response would answer a compaction instead of the turn; it is not done
      // here, and ignoring the item would answer the turn instead — so it is refused, with the way that works.
      throw unsupported(
        'input',
        'A `compaction_trigger` item (server-side compaction) is not supported by this proxy; compact with POST /v1/responses/compact and send its output as the next input.',
      );
    }
  }
  return { system, messages };
}

function toolChoiceOf(choice: ResponsesRequestBody['tool_choice']): ToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (typeof choice === 'string') return { type: choice };
  return { type: 'tool', name: choice.name };
}

/**
 * Decodes a Responses body. `forceStream` is WebSocket mode, where streaming is implied. An input without
 * a user or assistant turn is allowed only when continuing a previous response, or for a `warmUp`
 * (`generate: false`), which only prepares state.
 */
export function decodeResponsesRequest(
  raw: unknown,
  forceStream = false,
  warmUp = false,
): DecodedResponsesRequest {
  const body = parseBody(responsesRequestSchema, raw);
  rejectUncarried(body, UNCARRIED);
  if (body.background === true)
    throw unsupported('background', 'Background responses are not supported by this proxy.');
  const previousResponseId = body.previous_response_id ?? undefined;
  const { system, messages } = convertInput(body.input);
  if (messages.length === 0 && previousResponseId === undefined && !warmUp) {
    throw unsupported('input', "'input' must contain at least one user message.");
  }
  const toolChoice = toolChoiceOf(body.tool_choice);
  const effort = body.reasoning?.effort ?? undefined;
  const summary = body.reasoning?.summary ?? undefined;
  const summaryAsked = summary === undefined || summary === 'none' ? {} : { summary };
  const maxOutputTokens = body.max_output_tokens ?? undefined;
  const clientTools = body.tools ?? [];
  const translated = translateTools(clientTools);
  const nativeFields = nativeResponsesFields(body);
  return {
    dialect: 'openai-responses',
    model: body.model,
    body,
    previousResponseId,
    inputSystem: system,
    system: systemOf(body.instructions, system),
    messages,
    tools: translated.tools,
    ...(clientTools.length === 0 ? {} : { nativeTools: { dialect: 'openai-responses', tools: clientTools } }),
    ...(translated.hints.length === 0 ? {} : { hintTools: translated.hints }),
    ...(nativeFields === undefined ? {} : { nativeFields }),
    ...(toolChoice === undefined ? {} : { toolChoice }),
    ...(body.parallel_tool_calls === null || body.parallel_tool_calls === undefined
      ? {}
      : { parallelToolCalls: body.parallel_tool_calls }),
    ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
    ...(body.temperature === null || body.temperature === undefined ? {} : { temperature: body.temperature }),
    ...(body.top_p === null || body.top_p === undefined ? {} : { topP: body.top_p }),
    stopSequences: [],
    ...(effort === undefined ? {} : { thinking: { effort, ...summaryAsked } }),
    stream: forceStream || body.stream === true,
    ...(body.metadata === null || body.metadata === undefined ? {} : { metadata: body.metadata }),
  };
}
