/**
 * The Anthropic Messages wire format for the scripted upstream, with the rules Anthropic documents and enforces:
 * a `tool_result` answers a `tool_use` id of the assistant turn right before it; with thinking on, an assistant
 * turn that calls a tool starts with a `thinking`/`redacted_thinking` block; `enabled` thinking names its
 * `budget_tokens`; at most 4 `cache_control` breakpoints; roles alternate after the first user turn.
 */
import type { UpstreamDialect } from './scripted-upstream.ts';

type Json = Record<string, unknown>;

function blocks(message: Json): Json[] {
  const content = message['content'];
  return typeof content === 'string'
    ? [{ type: 'text', text: content }]
    : ((content as Json[] | undefined) ?? []);
}

function messages(body: Json): Json[] {
  return (body['messages'] as Json[] | undefined) ?? [];
}

function sse(event: string, data: Json): string {
  return `event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`;
}

interface ScriptedBlock {
  readonly start: Json;
  readonly deltas: readonly Json[];
}

function frames(body: Json, content: readonly ScriptedBlock[], stopReason: string): string[] {
  return [
    sse('message_start', {
      message: {
        id: 'msg_scripted',
        type: 'message',
        role: 'assistant',
        model: body['model'],
        content: [],
        stop_reason: null,
        usage: {
          input_tokens: 10,
          output_tokens: 1,
          cache_read_input_tokens: 0,
          cache_creation_input_tokens: 0,
        },
      },
    }),
    ...content.flatMap((block, index) => [
      sse('content_block_start', { index, content_block: block.start }),
      ...block.deltas.map((delta) => sse('content_block_delta', { index, delta })),
      sse('content_block_stop', { index }),
    ]),
    sse('message_delta', { delta: { stop_reason: stopReason }, usage: { output_tokens: 5 } }),
    sse('message_stop', {}),
  ];
}

function thinkingOn(body: Json): boolean {
  const type = (body['thinking'] as Json | undefined)?.['type'];
  return type === 'enabled' || type === 'adaptive';
}

/** With thinking on, the real API answers with a signed thinking block first; the client must replay it. */
function thinkingBlocks(body: Json): ScriptedBlock[] {
  if (!thinkingOn(body)) return [];
  return [
    {
      start: { type: 'thinking', thinking: '', signature: '' },
      deltas: [
        { type: 'thinking_delta', thinking: 'The user wants the file; read it first.' },
        { type: 'signature_delta', signature: `sig-${messages(body).length}-scripted` },
      ],
    },
  ];
}

export const anthropicDialect: UpstreamDialect = {
  violation(body) {
    const list = messages(body);
    const breakpoints = JSON.stringify(body).match(/"cache_control"/g)?.length ?? 0;
    if (breakpoints > 4)
      return `A maximum of 4 blocks with cache_control may be provided. Found ${breakpoints}.`;
    const thinking = body['thinking'] as Json | undefined;
    if (thinking?.['type'] === 'enabled' && typeof thinking['budget_tokens'] !== 'number')
      return 'thinking.enabled.budget_tokens: Field required';
    for (const [index, message] of list.entries()) {
      const role = message['role'];
      if (role !== 'user' && role !== 'assistant')
        return `messages.${index}.role: Input should be 'user' or 'assistant'`;
      if (index > 0 && list[index - 1]?.['role'] === role)
        return `messages: roles must alternate (messages.${index})`;
      const previous = index > 0 ? blocks(list[index - 1] ?? {}) : [];
      const offered = new Set(previous.filter((b) => b['type'] === 'tool_use').map((b) => b['id']));
      for (const block of blocks(message)) {
        if (block['type'] === 'tool_result' && !offered.has(block['tool_use_id'])) {
          return `messages.${index}: unexpected tool_use_id found in tool_result blocks: ${String(block['tool_use_id'])}. Each tool_result block must have a corresponding tool_use block in the previous message.`;
        }
      }
      const own = blocks(message);
      if (role === 'assistant' && thinkingOn(body) && own.some((b) => b['type'] === 'tool_use')) {
        const first = own[0]?.['type'];
        if (first !== 'thinking' && first !== 'redacted_thinking')
          return `messages.${index}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(first)}\`.`;
      }
    }
    return undefined;
  },
  toolResult(body) {
    const last = messages(body).at(-1);
    const result = last === undefined ? undefined : blocks(last).find((b) => b['type'] === 'tool_result');
    if (result === undefined) return undefined;
    const content = result['content'];
    return typeof content === 'string' ? content : JSON.stringify(content);
  },
  toolCall(body, tool, input) {
    const call: ScriptedBlock = {
      start: { type: 'tool_use', id: `toolu_${messages(body).length}`, name: tool, input: {} },
      deltas: [{ type: 'input_json_delta', partial_json: JSON.stringify(input) }],
    };
    return frames(body, [...thinkingBlocks(body), call], 'tool_use');
  },
  text(body, text) {
    const answer: ScriptedBlock = {
      start: { type: 'text', text: '' },
      deltas: [{ type: 'text_delta', text }],
    };
    return frames(body, [...thinkingBlocks(body), answer], 'end_turn');
  },
  errorBody(message) {
    return { type: 'error', error: { type: 'invalid_request_error', message } };
  },
};
