import type { NativeItemPart } from '../../canonical/stream-part.ts';
import { asObject, parseJson, type JsonObject } from '../shared/json.ts';

/** The content block types the canonical parts model; every other one travels whole as a native item. */
const MODELLED_BLOCKS: ReadonlySet<string> = new Set(['text', 'thinking', 'redacted_thinking', 'tool_use']);

/** True for a block of Anthropic's own the parts do not model (server_tool_use, web_search_tool_result, …). */
export function isNativeBlock(type: string | undefined): type is string {
  return type !== undefined && !MODELLED_BLOCKS.has(type);
}

/** One complete block for a Messages client (NativeItemPart's `anthropic-messages` contract). */
export function nativeBlockPart(block: JsonObject): NativeItemPart {
  return { type: 'native-item', dialect: 'anthropic-messages', event: { block } };
}

/**
 * A streamed native block, from its `content_block_start` to its `content_block_stop`. Most arrive whole in their
 * start; a server_tool_use or mcp_tool_use streams its input as `input_json_delta` pieces, like a tool_use, and
 * gets it back parsed at the stop. Input that does not parse as an object leaves the start's (`{}`), since a
 * client replays the block to Anthropic, which wants an object there.
 */
export class BufferedNativeBlock {
  private readonly start: JsonObject;
  private inputJson = '';

  constructor(start: JsonObject) {
    this.start = start;
  }

  addInputJson(piece: string): void {
    this.inputJson += piece;
  }

  finish(): NativeItemPart {
    if (this.inputJson.trim() === '') return nativeBlockPart(this.start);
    const input = asObject(parseJson(this.inputJson)) ?? asObject(this.start['input']) ?? {};
    return nativeBlockPart({ ...this.start, input });
  }
}
