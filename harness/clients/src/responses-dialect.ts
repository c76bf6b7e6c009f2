/**
 * The OpenAI Responses wire format for the scripted upstream (SSE events as protocols.md §1 orders them), with
 * rules OpenAI documents and enforces on `POST /v1/responses`:
 * - every `function_call_output` / `custom_tool_call_output` answers a call of the same kind earlier in `input`;
 * - a tool type outside the published `Tool` union is refused, and a `function` tool needs a `name`;
 * - with `store: false` nothing is persisted, so `previous_response_id` and reasoning items replayed by id
 *   without `encrypted_content` are "not found", and `encrypted_content` must be what this upstream issued
 *   (it answers with a reasoning item carrying it when asked with `include: ["reasoning.encrypted_content"]`);
 * - the agent's instructions must be there: `instructions` or a system/developer input item (an agent whose
 *   instructions were lost would answer as a bare model — the failure issue 9 measured on continuations).
 */
import type { UpstreamDialect } from './scripted-upstream.ts';

type Json = Record<string, unknown>;

/** The `Tool` union of OpenAI's published API (openai-node `ResponsesAPI.Tool`, 2026-11). */
const TOOL_TYPES = new Set([
  'function',
  'custom',
  'namespace',
  'file_search',
  'web_search',
  'web_search_preview',
  'web_search_2025_08_26',
  'computer_use_preview',
  'mcp',
  'code_interpreter',
  'image_generation',
  'local_shell',
  'shell',
  'apply_patch',
  'tool_search',
]);

/** A field as text: strings as they are, anything else (ids, missing values) as JSON. */
function str(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function input(body: Json): Json[] {
  const value = body['input'];
  return typeof value === 'string'
    ? [{ role: 'user', content: value }]
    : ((value as Json[] | undefined) ?? []);
}

function tools(body: Json): Json[] {
  return (body['tools'] as Json[] | undefined) ?? [];
}

function hasInstructions(body: Json): boolean {
  const instructions = body['instructions'];
  if (typeof instructions === 'string' && instructions.trim() !== '') return true;
  return input(body).some((item) => item['role'] === 'system' || item['role'] === 'developer');
}

function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  return ((output as Json[] | undefined) ?? []).map((part) => str(part['text'] ?? '')).join('');
}

const OUTPUT_OF: Readonly<Record<string, string>> = {
  function_call_output: 'function_call',
  custom_tool_call_output: 'custom_tool_call',
};

/** SSE frames with increasing `sequence_number`, as the Responses API streams them. */
class EventWriter {
  private sequence = 0;
  readonly frames: string[] = [];

  emit(type: string, data: Json): void {
    const event = { type, sequence_number: this.sequence++, ...data };
    this.frames.push(`event: ${type}\ndata: ${JSON.stringify(event)}\n\n`);
  }
}

function responseObject(body: Json, status: string, output: Json[]): Json {
  return {
    id: `resp_scripted_${input(body).length}`,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    model: body['model'],
    output,
    usage:
      status === 'completed'
        ? {
            input_tokens: 120,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: 12,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: 132,
          }
        : null,
  };
}

/** The encrypted reasoning this upstream issues; only these come back as valid. */
const ENCRYPTED = /^enc-scripted-\d+$/;

function wantsEncryptedReasoning(body: Json): boolean {
  const include = (body['include'] as unknown[] | undefined) ?? [];
  return include.includes('reasoning.encrypted_content') && body['reasoning'] !== undefined;
}

/**
 * The answer streamed: a reasoning item first when encrypted reasoning was asked for (summary text and
 * `encrypted_content`), then the output item — added, its deltas, done; then the response completes.
 */
function answer(body: Json, item: Json, deltas: (writer: EventWriter, index: number) => void): string[] {
  const writer = new EventWriter();
  writer.emit('response.created', { response: responseObject(body, 'in_progress', []) });
  writer.emit('response.in_progress', { response: responseObject(body, 'in_progress', []) });
  const output: Json[] = [];
  if (wantsEncryptedReasoning(body)) {
    const summary = { type: 'summary_text', text: 'Reading the file first.' };
    const reasoning = {
      id: 'rs_scripted',
      type: 'reasoning',
      summary: [summary],
      encrypted_content: `enc-scripted-${input(body).length}`,
    };
    writer.emit('response.output_item.added', { output_index: 0, item: { ...reasoning, summary: [] } });
    const ids = { item_id: reasoning.id, output_index: 0, summary_index: 0 };
    writer.emit('response.reasoning_summary_part.added', { ...ids, part: { ...summary, text: '' } });
    writer.emit('response.reasoning_summary_text.delta', { ...ids, delta: summary.text });
    writer.emit('response.reasoning_summary_text.done', { ...ids, text: summary.text });
    writer.emit('response.reasoning_summary_part.done', { ...ids, part: summary });
    writer.emit('response.output_item.done', { output_index: 0, item: reasoning });
    output.push(reasoning);
  }
  const index = output.length;
  const opened =
    item['type'] === 'message'
      ? { ...item, content: [], status: 'in_progress' }
      : { ...item, status: 'in_progress' };
  writer.emit('response.output_item.added', { output_index: index, item: opened });
  deltas(writer, index);
  const done = { ...item, status: 'completed' };
  writer.emit('response.output_item.done', { output_index: index, item: done });
  output.push(done);
  writer.emit('response.completed', { response: responseObject(body, 'completed', output) });
  return writer.frames;
}

export const responsesDialect: UpstreamDialect = {
  violation(body) {
    for (const [index, tool] of tools(body).entries()) {
      const type = str(tool['type']);
      if (!TOOL_TYPES.has(type))
        return `Invalid value: '${type}'. Supported values are: ${[...TOOL_TYPES].join(', ')}. (tools[${index}].type)`;
      if (type === 'function' && typeof tool['name'] !== 'string')
        return `Missing required parameter: 'tools[${index}].name'.`;
    }
    if (body['store'] === false && body['previous_response_id'] !== undefined)
      return `Previous response with id '${str(body['previous_response_id'])}' not found. Items are not persisted when \`store\` is set to false.`;
    if (!hasInstructions(body))
      return 'scripted rule: the agent instructions (instructions or a developer item) are missing';
    const calls = new Map<string, string>();
    for (const [index, item] of input(body).entries()) {
      const type = str(item['type'] ?? 'message');
      if (type === 'function_call' || type === 'custom_tool_call') calls.set(str(item['call_id']), type);
      const answers = OUTPUT_OF[type];
      if (answers !== undefined && calls.get(str(item['call_id'])) !== answers)
        return `No tool call found for ${type} with call_id ${str(item['call_id'])}. (input[${index}])`;
      if (type === 'reasoning' && body['store'] === false && typeof item['encrypted_content'] !== 'string')
        return `Item with id '${str(item['id'])}' not found. Items are not persisted when \`store\` is set to false.`;
      if (
        type === 'reasoning' &&
        typeof item['encrypted_content'] === 'string' &&
        !ENCRYPTED.test(item['encrypted_content'])
      )
        return `The encrypted content for item ${str(item['id'])} could not be verified. (input[${index}])`;
    }
    return undefined;
  },
  toolResult(body) {
    const last = input(body).at(-1);
    return last !== undefined && str(last['type']) in OUTPUT_OF ? outputText(last['output']) : undefined;
  },
  toolCall(body, tool, args) {
    const callId = `call_scripted_${input(body).length}`;
    const custom = tools(body).some((t) => t['type'] === 'custom' && t['name'] === tool);
    if (custom) {
      const text = str(args['input'] ?? '');
      const item = { id: 'ctc_scripted', type: 'custom_tool_call', call_id: callId, name: tool, input: text };
      return answer(body, item, (writer, index) => {
        writer.emit('response.custom_tool_call_input.delta', {
          item_id: item.id,
          output_index: index,
          delta: text,
        });
        writer.emit('response.custom_tool_call_input.done', {
          item_id: item.id,
          output_index: index,
          input: text,
        });
      });
    }
    const json = JSON.stringify(args);
    const item = { id: 'fc_scripted', type: 'function_call', call_id: callId, name: tool, arguments: json };
    return answer(body, item, (writer, index) => {
      writer.emit('response.function_call_arguments.delta', {
        item_id: item.id,
        output_index: index,
        delta: json,
      });
      writer.emit('response.function_call_arguments.done', {
        item_id: item.id,
        output_index: index,
        arguments: json,
      });
    });
  },
  text(body, text) {
    const part = { type: 'output_text', text, annotations: [] };
    const item = { id: 'msg_scripted', type: 'message', role: 'assistant', content: [part] };
    return answer(body, item, (writer, index) => {
      const ids = { item_id: item.id, output_index: index, content_index: 0 };
      writer.emit('response.content_part.added', { ...ids, part: { ...part, text: '' } });
      writer.emit('response.output_text.delta', { ...ids, delta: text });
      writer.emit('response.output_text.done', { ...ids, text });
      writer.emit('response.content_part.done', { ...ids, part });
    });
  },
  errorBody(message) {
    return { error: { message, type: 'invalid_request_error', param: null, code: null } };
  },
};
