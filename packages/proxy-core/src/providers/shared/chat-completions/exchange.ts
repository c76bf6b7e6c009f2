import type { CanonicalRequest } from '../../../canonical/request.ts';
import type { RequestMetadata } from '../../provider.ts';
import type { UpstreamExchange } from '../http-call.ts';
import { openAiStyleExchange, type OpenAiStyleCall } from '../openai-style-exchange.ts';
import type { UpstreamSetup } from '../upstream-setup.ts';
import { decodeChatResponse } from './decode-response.ts';
import { ChatStreamDecoder } from './decode-stream.ts';
import { encodeChatRequest } from './encode-request.ts';
import type { ChatQuirks } from './quirks.ts';

/** One Chat Completions call (`/chat/completions`), shared by OpenAI's chat path and the compatible family. */
export function chatCompletionsExchange(
  setup: UpstreamSetup,
  quirks: ChatQuirks,
  request: CanonicalRequest,
  metadata: RequestMetadata,
): UpstreamExchange {
  const { name } = setup;
  const call: OpenAiStyleCall = {
    path: '/chat/completions',
    body: encodeChatRequest(name, request, quirks),
    decodeResponse: (json) => decodeChatResponse(name, json),
    streamDecoder: () => new ChatStreamDecoder(name),
  };
  return openAiStyleExchange(setup, call, request, metadata);
}
