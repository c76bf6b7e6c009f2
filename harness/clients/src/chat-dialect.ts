/**
 * The OpenAI-compatible Chat Completions wire format (DeepSeek's API) for the scripted upstream, streamed as
 * `data:` chunks ending in `[DONE]` (protocols.md §3), with rules these APIs document and enforce:
 * - a `tool` message answers a `tool_call_id` of the assistant message with `tool_calls` before it, and every
 *   such call is answered before the conversation goes on;
 * - only `function` tools, named `^[a-zA-Z0-9_-]{1,64}$`;
 * - the agent's instructions must be there as a `system` message (scripted rule: an agent whose instructions
 *   were lost answers as a bare model).
 */
import type { UpstreamDialect } from './scripted-upstream.ts';

type Json = Record<string, unknown>;

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

function messages(body: Json): Json[] {
  return (body['messages'] as Json[] | undefined) ?? [];
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return (value as Json[]).map((part) => text(part['text'])).join('');
  return JSON.stringify(value) ?? '';
}

function toolCallIds(message: Json): string[] {
  return ((message['tool_calls'] as Json[] | undefined) ?? []).map((call) => text(call['id']));
}

function violationInMessages(list: readonly Json[]): string | undefined {
  let pending: string[] = [];
  for (const [index, message] of list.entries()) {
    const role = message['role'];
    if (role === 'tool') {
      const id = text(message['tool_call_id']);
      if (!pending.includes(id))
        return `Messages with role 'tool' must be a response to a preceding message with 'tool_calls' (messages[${index}], tool_call_id ${id}).`;
      pending = pending.filter((open) => open !== id);
      continue;
    }
    if (pending.length > 0)
      return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. Missing: ${pending.join(', ')} (messages[${index}]).`;
    if (role === 'assistant') pending = toolCallIds(message);
  }
  return undefined;
}

function chunk(body: Json, delta: Json, finishReason: string | null): string {
  const data = {
    id: 'chatcmpl-scripted',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: body['model'],
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
  return `data: ${JSON.stringify(data)}\n\n`;
}

function finish(body: Json, reason: string): string[] {
  const usage = {
    id: 'chatcmpl-scripted',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: body['model'],
    choices: [],
    usage: { prompt_tokens: 120, completion_tokens: 12, total_tokens: 132 },
  };
  return [chunk(body, {}, reason), `data: ${JSON.stringify(usage)}\n\n`, 'data: [DONE]\n\n'];
}

export const chatDialect: UpstreamDialect = {
  violation(body) {
    for (const [index, tool] of ((body['tools'] as Json[] | undefined) ?? []).entries()) {
      if (tool['type'] !== 'function')
        return `Invalid value for 'tools[${index}].type': only 'function' is supported, got ${text(tool['type'])}.`;
      const name = text((tool['function'] as Json | undefined)?.['name']);
      if (!TOOL_NAME.test(name))
        return `Invalid 'tools[${index}].function.name': '${name}' does not match '^[a-zA-Z0-9_-]{1,64}$'.`;
    }
    const list = messages(body);
    if (!list.some((message) => message['role'] === 'system' && text(message['content']).trim() !== ''))
      return 'scripted rule: the agent instructions (a system message) are missing';
    return violationInMessages(list);
  },
  toolResult(body) {
    const last = messages(body).at(-1);
    return last?.['role'] === 'tool' ? text(last['content']) : undefined;
  },
  toolCall(body, tool, input) {
    const call = {
      index: 0,
      id: `call_scripted_${messages(body).length}`,
      type: 'function',
      function: { name: tool, arguments: '' },
    };
    const args = JSON.stringify(input);
    return [
      chunk(body, { role: 'assistant', content: null, tool_calls: [call] }, null),
      chunk(body, { tool_calls: [{ index: 0, function: { arguments: args.slice(0, 5) } }] }, null),
      chunk(body, { tool_calls: [{ index: 0, function: { arguments: args.slice(5) } }] }, null),
      ...finish(body, 'tool_calls'),
    ];
  },
  text(body, answer) {
    return [chunk(body, { role: 'assistant', content: answer }, null), ...finish(body, 'stop')];
  },
  errorBody(message) {
    return { error: { message, type: 'invalid_request_error', param: null, code: 'invalid_request_error' } };
  },
};
