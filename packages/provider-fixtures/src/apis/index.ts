import type { UpstreamApi } from '../providers.ts';
import type { ApiFixture } from './api-fixture.ts';
import { anthropicMessagesFixture } from './anthropic-messages.ts';
import { geminiFixture } from './gemini.ts';
import { openAiChatFixture } from './openai-chat.ts';
import { openAiResponsesFixture } from './openai-responses.ts';

export type { ApiFixture } from './api-fixture.ts';

export const API_FIXTURES: Readonly<Record<UpstreamApi, ApiFixture>> = {
  'openai-responses': openAiResponsesFixture,
  'openai-chat': openAiChatFixture,
  'anthropic-messages': anthropicMessagesFixture,
  gemini: geminiFixture,
};
