import { FIXTURE_TOOL_CALL, type ProviderId } from '@switchyard/provider-fixtures';

/** The user's question of every SDK tool-call round trip. */
export const TOOL_QUESTION = 'Weather in Paris?';
/** What the client's tool answers, as JSON text. */
export const TOOL_OUTPUT = '{"temp_c":21}';

/**
 * The conversation of a tool-call round trip (question, the call, its result) as the upstream must receive
 * it in its own API, with the tool result answering the call by its id (Gemini: by function name).
 */
export function upstreamToolConversation(provider: ProviderId, callId: string): Record<string, unknown> {
  const { name, arguments: args, input } = FIXTURE_TOOL_CALL;
  const question = TOOL_QUESTION;
  switch (provider) {
    case 'openai':
      return {
        input: [
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: question }] },
          { type: 'function_call', call_id: callId, name, arguments: args },
          { type: 'function_call_output', call_id: callId, output: TOOL_OUTPUT },
        ],
      };
    case 'anthropic':
      return {
        messages: [
          { role: 'user', content: [{ type: 'text', text: question }] },
          { role: 'assistant', content: [{ type: 'tool_use', id: callId, name, input }] },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: callId, content: [{ type: 'text', text: TOOL_OUTPUT }] },
            ],
          },
        ],
      };
    case 'gemini':
      return {
        contents: [
          { role: 'user', parts: [{ text: question }] },
          { role: 'model', parts: [{ functionCall: { name, args: input } }] },
          {
            role: 'user',
            parts: [{ functionResponse: { name, response: { output: JSON.parse(TOOL_OUTPUT) as unknown } } }],
          },
        ],
      };
    case 'kimi':
    case 'qwen':
    case 'deepseek':
      return {
        messages: [
          { role: 'user', content: question },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: callId, type: 'function', function: { name, arguments: args } }],
          },
          { role: 'tool', tool_call_id: callId, content: TOOL_OUTPUT },
        ],
      };
  }
}
