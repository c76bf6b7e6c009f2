import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { asAsked, sse } from '../../shared/testing/loopback-upstream.ts';
import {
  CLIENT_KEY,
  startPlaneWithUpstream,
  type PlaneWithUpstream,
} from '../../shared/testing/plane-with-upstream.ts';
import { ANTHROPIC_DEFAULTS } from '../config.ts';

/** A Claude model the catalog lists without thinking, so requests reach Anthropic as the client sent them. */
export const CLAUDE = 'claude-listed-without-thinking';

export interface ClaudePlane {
  readonly rig: PlaneWithUpstream;
  readonly anthropic: Anthropic;
  readonly openai: OpenAI;
}

/**
 * The whole plane with an `anthropic` provider whose loopback upstream answers `stream` or `whole` as it was
 * asked, and both official SDKs pointed at the plane.
 */
export async function claudePlane(stream: string, whole: unknown): Promise<ClaudePlane> {
  const rig = await startPlaneWithUpstream(
    (baseUrl) => ({
      anthropic: { baseUrl: `${baseUrl}/v1`, models: [...ANTHROPIC_DEFAULTS.models, { id: CLAUDE }] },
    }),
    { ANTHROPIC_API_KEY: 'ak-one' },
  );
  rig.upstream.respond(asAsked(stream, whole));
  return {
    rig,
    anthropic: new Anthropic({ apiKey: CLIENT_KEY, baseURL: rig.plane.url, maxRetries: 0 }),
    openai: new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${rig.plane.url}/v1`, maxRetries: 0 }),
  };
}

export interface ClaudeUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
}

/** Anthropic's streamed answer around `blocks` (its content_block_* events), ending its turn. */
export function claudeStream(blocks: string, usage: ClaudeUsage): string {
  return (
    sse.event('message_start', {
      message: { id: 'msg_up', type: 'message', role: 'assistant', model: CLAUDE, content: [], usage },
    }) +
    blocks +
    sse.event('message_delta', {
      delta: { stop_reason: 'end_turn' },
      usage: { output_tokens: usage.output_tokens },
    }) +
    sse.event('message_stop', {})
  );
}

/** The same answer non-streamed: Anthropic's message with `content`, ending its turn. */
export function claudeMessage(content: readonly unknown[], usage: ClaudeUsage): Record<string, unknown> {
  return {
    id: 'msg_up',
    type: 'message',
    role: 'assistant',
    model: CLAUDE,
    content,
    stop_reason: 'end_turn',
    usage,
  };
}
