import type { CanonicalMessage, ContentPart, NativePart } from '../canonical/content.ts';
import type { CanonicalRequest } from '../canonical/request.ts';
import { unsupported } from '../canonical/validate.ts';
import type { Provider } from '../providers/provider.ts';

/**
 * The request as `provider` can take it: the client's untranslated blocks (canonical NativePart) stay in place
 * for a provider that speaks the client's API, and for any other become the text they hold. A block that holds
 * none is refused with a 400 naming it (`messages[i].content[j].type`): leaving it out would change the answer.
 */
export function withNativeParts(provider: Provider, request: CanonicalRequest): CanonicalRequest {
  const native = request.messages.some((message) => message.content.some((part) => part.type === 'native'));
  if (!native || provider.passesThroughBlocks?.(request) === true) return request;
  return {
    ...request,
    messages: request.messages.map((message): CanonicalMessage => ({
      role: message.role,
      content: message.content.map((part) => (part.type === 'native' ? asText(provider, part) : part)),
    })),
  };
}

function asText(provider: Provider, part: NativePart): ContentPart {
  // A record among prose, so on lines of its own whatever a provider joins text parts with (the chat family: nothing).
  if (part.text !== undefined) return { type: 'text', text: `\n${part.text}\n` };
  const type = String(part.json['type']);
  throw unsupported(
    part.param,
    `'${part.param}' is '${type}', a block that cannot be carried to the ${provider.name} provider: it holds nothing other models can read as text, and leaving it out would change the answer; use a model of a provider that speaks the client's API, or remove it.`,
  );
}
