/**
 * The policy for Messages tools (the table is in docs/model-plane.md, "Messages server tools and blocks"), as
 * tool-policy.ts is for the Responses API's:
 *
 * - a client tool (`input_schema`, `type` absent or `custom`): carried to every provider.
 * - a server tool (`web_search_20250305`, `web_fetch_*`, `code_execution_*`, `bash_*`, `text_editor_*`,
 *   `memory_*`, `mcp_toolset`, …): Anthropic runs it. A hint: dropped for other providers and named in
 *   `x-switchyard-dropped` (the model there simply has no such tool).
 *
 * When the upstream is Anthropic none of this applies: the client's tool list reaches it verbatim, in order
 * (`CanonicalRequest.nativeTools`), client tools' fields the proxy does not model included.
 */
import type { NativeTools, ToolDefinition } from '../../canonical/request.ts';
import { cacheOf } from './cache-control.ts';
import type { MessagesTool } from './schema.ts';

type Json = Readonly<Record<string, unknown>>;

export interface MessagesTools {
  readonly tools: readonly ToolDefinition[];
  /** Server tools by `type:name` (or `type` alone, for one without a name): dropped hints, reported. */
  readonly hints: readonly string[];
  readonly nativeTools?: NativeTools;
}

function hintOf(tool: Json): string {
  const name = tool['name'];
  return typeof name === 'string' && name !== '' ? `${String(tool['type'])}:${name}` : String(tool['type']);
}

/** `rawTools` is the client's `tools` exactly as sent (parsing reorders keys), for the verbatim copy. */
export function messagesTools(tools: readonly MessagesTool[], rawTools: unknown): MessagesTools {
  const definitions: ToolDefinition[] = [];
  const hints: string[] = [];
  for (const tool of tools) {
    if (tool.type === 'native') {
      hints.push(hintOf(tool.json));
      continue;
    }
    definitions.push({
      name: tool.name,
      parameters: tool.input_schema,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      ...cacheOf(tool.cache_control),
    });
  }
  const verbatim = Array.isArray(rawTools) && tools.length > 0 ? (rawTools as Json[]) : undefined;
  return {
    tools: definitions,
    hints,
    ...(verbatim === undefined ? {} : { nativeTools: { dialect: 'anthropic-messages', tools: verbatim } }),
  };
}
