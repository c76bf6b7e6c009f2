/**
 * The OpenAI Chat Completions wire format (DeepSeek, Kimi, Qwen and OpenAI itself) for the scripted upstream,
 * with the rules those APIs document and enforce: every `tool` message answers a `tool_calls` id of the
 * assistant message before it, tool messages follow their assistant message directly, and roles are the four
 * Chat Completions knows.
 */
import type { UpstreamDialect } from './scripted-upstream.ts';

type Json = Record<string, unknown>;

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

function messages(body: Json): Json[] {
  return (body['messages'] as Json[] | undefined) ?? [];
}

function chunk(body: Json, delta: Json, finishReason: string | null): string {
  const frame = {
    id: 'chatcmpl-scripted',
    object: 'chat.completion.chunk',
    created: 1,
    model: body['model'],
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
  return `data: ${JSON.stringify(frame)}\n\n`;
}

function usage(body: Json): string {
  const frame = {
    id: 'chatcmpl-scripted',
    object: 'chat.completion.chunk',
    created: 1,
    model: body['model'],
    choices: [],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
  return `data: ${JSON.stringify(frame)}\n\n`;
}

export const chatDialect: UpstreamDialect = {
  violation(body) {
    const list = messages(body);
    let answerable = new Set<unknown>();
    for (const [index, message] of list.entries()) {
      const role = message['role'];
      if (typeof role !== 'string' || !ROLES.has(role))
        return `Invalid value for 'messages[${index}].role': ${String(role)}`;
      if (role === 'tool') {
        if (!answerable.has(message['tool_call_id']))
          return `Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls' (messages[${index}]).`;
        continue;
      }
      const calls = (message['tool_calls'] as Json[] | undefined) ?? [];
      answerable = new Set(calls.map((call) => call['id']));
    }
    return undefined;
  },
  toolResult(body) {
    const last = messages(body).at(-1);
    return last?.['role'] === 'tool' ? String(last['content']) : undefined;
  },
  toolCall(body, tool, input) {
    const call = {
      index: 0,
      id: `call_${messages(body).length}`,
      type: 'function',
      function: { name: tool, arguments: '' },
    };
    return [
      chunk(body, { role: 'assistant', content: null, tool_calls: [call] }, null),
      chunk(body, { tool_calls: [{ index: 0, function: { arguments: JSON.stringify(input) } }] }, null),
      chunk(body, {}, 'tool_calls'),
      usage(body),
      'data: [DONE]\n\n',
    ];
  },
  text(body, text) {
    return [
      chunk(body, { role: 'assistant', content: '' }, null),
      chunk(body, { content: text }, null),
      chunk(body, {}, 'stop'),
      usage(body),
      'data: [DONE]\n\n',
    ];
  },
  errorBody(message) {
    return { error: { message, type: 'invalid_request_error', param: null, code: null } };
  },
};
