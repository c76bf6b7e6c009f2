/**
 * Compaction through the routed model, for any provider: the conversation is written out as a plain transcript
 * and the model is asked for the summary that lets the work continue in a smaller window. A transcript rather than
 * the conversation itself, because the summarising call must work on every provider whatever the history holds
 * (tool calls without their tool list, another provider's reasoning), and because the model is to describe the
 * conversation, not to take its next turn. The dialect decides how the summary is handed back
 * (dialects/openai-responses/compact.ts).
 */
import type { CanonicalMessage, ContentPart, TextPart } from '../canonical/content.ts';
import type { DecodedRequest } from '../canonical/request.ts';
import { unsupported } from '../canonical/validate.ts';

export const COMPACTION_INSTRUCTIONS = [
  'You compact a conversation between a user and an AI assistant so that the assistant can continue it in a',
  'smaller context window. Write the summary the assistant will continue from: the goal and the constraints,',
  'what was done (tool calls and the results that matter: files, commands, values, errors), the decisions and',
  'why, the current state, and what remains to do. The user’s own messages are kept verbatim next to your',
  'summary, so do not repeat them word for word. Write only the summary, in the language of the conversation.',
].join(' ');

function textOfParts(parts: readonly { readonly type: string; readonly text?: string }[]): string {
  return parts.map((part) => (part.type === 'text' ? (part.text ?? '') : '[image]')).join('');
}

/** One transcript entry for a part; undefined for what carries nothing readable (unsummarised reasoning). */
function entry(role: CanonicalMessage['role'], part: ContentPart): string | undefined {
  switch (part.type) {
    case 'text':
      return `[${role}]\n${part.text}`;
    case 'image':
      return `[${role}]\n[image]`;
    case 'tool_call':
      return `[assistant called tool ${part.name}, call ${part.id}]\n${part.arguments}`;
    case 'tool_result':
      return `[tool result for call ${part.toolCallId}${part.isError ? ', an error' : ''}]\n${textOfParts(part.content)}`;
    case 'reasoning':
      return part.text === '' ? undefined : `[assistant reasoning]\n${part.text}`;
    case 'native':
      if (part.text !== undefined) return `[${role}]\n${part.text}`;
      throw unsupported(
        part.param,
        `The conversation holds a '${String(part.json['type'])}' block, which holds nothing readable as text, so it cannot be compacted; remove it, or compact the messages around it.`,
      );
    case 'compaction':
      throw unsupported(
        'input',
        'The conversation holds an OpenAI `compaction` item, opaque state only OpenAI can read, so this model cannot compact it again. Compact it with an OpenAI model (Responses API), or start from the messages it replaced.',
      );
  }
}

/** The conversation as plain text, system text first, one entry per part. */
export function transcriptOf(system: readonly TextPart[], messages: readonly CanonicalMessage[]): string {
  const entries = system.map((part) => `[system]\n${part.text}`);
  for (const message of messages) {
    for (const part of message.content) {
      const text = entry(message.role, part);
      if (text !== undefined) entries.push(text);
    }
  }
  return entries.join('\n\n');
}

/**
 * The summarising request for a decoded conversation, on the same model: the transcript as one user message under
 * the compaction instructions, no tools, no thinking (a summary needs neither, and a model that cannot think must
 * still be able to compact), not streamed.
 */
export function summarisingRequest(conversation: DecodedRequest): DecodedRequest {
  const transcript = transcriptOf(conversation.system, conversation.messages);
  return {
    dialect: conversation.dialect,
    model: conversation.model,
    system: [{ type: 'text', text: COMPACTION_INSTRUCTIONS }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: `The conversation to compact:\n\n${transcript}` }] },
    ],
    tools: [],
    stopSequences: [],
    stream: false,
  };
}
