/**
 * The one place that decides what happens to each tool type of OpenAI's Responses `Tool` union (the table is in
 * docs/model-plane.md, "Responses tools"). Clients such as Codex send tools a translation cannot run; instead of
 * refusing the request, each type is carried, flattened, or treated as a hint:
 *
 * - `function`: carried to every provider.
 * - `custom` (freeform input, optionally grammar-constrained): carried as a function taking `{input: string}`;
 *   the model's call is turned back into a `custom_tool_call` whose `input` is that string. Sound because the
 *   client only ever sees the string it asked for; the grammar itself reaches only OpenAI (pass-through), so
 *   other models are told about it in the description and the client validates what it gets, as it must anyway.
 * - `namespace`: its function tools are flattened to `<namespace>__<name>` and calls are returned with the
 *   original `name` and `namespace`.
 * - every other type (`web_search`, `file_search`, `tool_search`, `mcp`, `code_interpreter`, …): hosted tools
 *   that only OpenAI runs. A hint: dropped for other providers and named in `x-switchyard-dropped`.
 *
 * When the upstream is OpenAI's own Responses API, none of this applies: the client's tool list reaches it
 * verbatim (`CanonicalRequest.nativeTools`) and its calls come back in the same shape.
 */
import type { ToolDefinition } from '../../canonical/request.ts';
import { unsupported } from '../../canonical/validate.ts';

type Json = Readonly<Record<string, unknown>>;

/** How a client tool reaches a provider that does not speak the Responses API. */
export type ToolTreatment = 'carried' | 'custom-as-function' | 'flattened' | 'hint';

export function treatmentOf(type: string): ToolTreatment {
  if (type === 'function') return 'carried';
  if (type === 'custom') return 'custom-as-function';
  if (type === 'namespace') return 'flattened';
  return 'hint';
}

/** What a canonical tool name stands for on the client's side. */
export interface ClientToolName {
  readonly name: string;
  readonly namespace?: string;
  /** A `custom` tool: the canonical arguments are `{"input": <the freeform text>}`. */
  readonly custom: boolean;
}

const NAMESPACE_SEPARATOR = '__';

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function functionDefinition(tool: Json, name: string): ToolDefinition {
  const description = text(tool['description']);
  const parameters = tool['parameters'];
  const strict = tool['strict'];
  return {
    name,
    parameters:
      parameters !== null && typeof parameters === 'object'
        ? (parameters as Record<string, unknown>)
        : { type: 'object', properties: {} },
    ...(description === undefined ? {} : { description }),
    ...(typeof strict === 'boolean' ? { strict } : {}),
  };
}

function customDefinition(tool: Json, name: string): ToolDefinition {
  const format = tool['format'] as Json | undefined;
  const grammar =
    format?.['type'] === 'grammar'
      ? `\n\nThe input must match this ${text(format['syntax']) ?? ''} grammar:\n${text(format['definition']) ?? ''}`
      : '';
  return {
    name,
    description: `${text(tool['description']) ?? ''}${grammar}`.trim(),
    parameters: {
      type: 'object',
      properties: { input: { type: 'string', description: 'The raw input for this tool (not JSON).' } },
      required: ['input'],
      additionalProperties: false,
    },
  };
}

/** The client's tools as provider-neutral functions, the hosted ones left out, and a name map for the way back. */
export interface TranslatedTools {
  readonly tools: readonly ToolDefinition[];
  /** Hosted tools no translation carries, by type (and name where they have one). */
  readonly hints: readonly string[];
  readonly names: ReadonlyMap<string, ClientToolName>;
}

export function translateTools(clientTools: readonly Json[]): TranslatedTools {
  const tools: ToolDefinition[] = [];
  const hints: string[] = [];
  const names = new Map<string, ClientToolName>();
  const add = (definition: ToolDefinition, meaning: ClientToolName): void => {
    if (names.has(definition.name)) {
      throw unsupported(
        'tools',
        `Tool name '${definition.name}' is ambiguous: a namespaced tool flattens to the same name as another tool.`,
      );
    }
    names.set(definition.name, meaning);
    tools.push(definition);
  };
  for (const tool of clientTools) {
    const type = String(tool['type']);
    const name = text(tool['name']) ?? '';
    switch (treatmentOf(type)) {
      case 'carried':
        add(functionDefinition(tool, name), { name, custom: false });
        break;
      case 'custom-as-function':
        add(customDefinition(tool, name), { name, custom: true });
        break;
      case 'flattened':
        for (const inner of (tool['tools'] as readonly Json[] | undefined) ?? []) {
          const innerName = text(inner['name']) ?? '';
          const flat = `${name}${NAMESPACE_SEPARATOR}${innerName}`;
          if (inner['type'] === 'custom')
            add(customDefinition(inner, flat), { name: innerName, namespace: name, custom: true });
          else add(functionDefinition(inner, flat), { name: innerName, namespace: name, custom: false });
        }
        break;
      case 'hint':
        hints.push(name === '' ? type : `${type}:${name}`);
        break;
    }
  }
  return { tools, hints, names };
}

/** The canonical (provider-facing) name of a client call to `name`, in `namespace` if it has one. */
export function canonicalToolName(name: string, namespace: string | undefined): string {
  return namespace === undefined || namespace === '' ? name : `${namespace}${NAMESPACE_SEPARATOR}${name}`;
}

/** Canonical arguments of a custom tool call: the freeform input wrapped as the function's `{input}`. */
export function wrapCustomInput(input: string): string {
  return JSON.stringify({ input });
}

/**
 * The freeform input back out of canonical arguments. A model that ignored the schema and sent plain text has
 * still said what it meant: that text is the input.
 */
export function unwrapCustomInput(args: string): string {
  try {
    const parsed: unknown = JSON.parse(args);
    if (parsed !== null && typeof parsed === 'object' && typeof (parsed as Json)['input'] === 'string') {
      return (parsed as Json)['input'] as string;
    }
  } catch {
    // not JSON: the text itself
  }
  return args;
}
