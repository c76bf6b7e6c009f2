/**
 * The policy for Messages content blocks the proxy does not translate (the table is in docs/model-plane.md,
 * "Messages server tools and blocks"). Anthropic gets every one verbatim, in place. For any other provider a block
 * that holds text the model needs becomes that text; a block that does not (a PDF or URL `document`, a
 * code-execution or MCP result, …) is refused with a 400 naming it, since dropping it would change the answer.
 */
import type { NativePart } from '../../canonical/content.ts';

type Json = Readonly<Record<string, unknown>>;

function objectOf(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A string, or the text of an array of blocks' `text` blocks; undefined when anything else is in it (an image). */
function textContent(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content.map((item) =>
    objectOf(item)?.['type'] === 'text' ? stringOf(objectOf(item)?.['text']) : undefined,
  );
  return texts.every((text) => text !== undefined) ? texts.join('\n') : undefined;
}

/** `title`, then the text itself: what a reader needs to tell several documents apart. */
function titled(heading: string, title: unknown, text: string): string {
  const name = stringOf(title);
  return `[${heading}${name === undefined ? '' : `: ${name}`}]\n${text}`;
}

/** A `document` with a plain-text source (`text`, or `content` of text blocks); PDFs, URLs and files have none. */
function documentText(block: Json): string | undefined {
  const source = objectOf(block['source']);
  const text =
    source?.['type'] === 'text'
      ? stringOf(source['data'])
      : source?.['type'] === 'content'
        ? textContent(source['content'])
        : undefined;
  return text === undefined ? undefined : titled('document', block['title'], text);
}

function searchResultText(block: Json): string | undefined {
  const text = textContent(block['content']);
  const source = stringOf(block['source']);
  return text === undefined
    ? undefined
    : titled(`search result from ${source ?? 'an unnamed source'}`, block['title'], text);
}

/** The model's call of a server tool: what it asked for, so the results after it read as an answer. */
function serverToolUseText(block: Json): string {
  return `[called the server tool ${stringOf(block['name']) ?? 'unnamed'} with ${JSON.stringify(block['input'] ?? {})}]`;
}

/**
 * Web search results: titles and URLs. The pages themselves are `encrypted_content` only Anthropic can read; what
 * the model made of them is in the assistant's own text that follows.
 */
function webSearchResultText(block: Json): string | undefined {
  const content = block['content'];
  if (!Array.isArray(content)) {
    const code = stringOf(objectOf(content)?.['error_code']);
    return code === undefined ? undefined : `[web search failed: ${code}]`;
  }
  const lines = content.map((item) => {
    const result = objectOf(item);
    return `- ${stringOf(result?.['title']) ?? ''} (${stringOf(result?.['url']) ?? ''})`;
  });
  return ['[web search results]', ...lines].join('\n');
}

/** A fetched page: the `document` it holds, under its URL. */
function webFetchResultText(block: Json): string | undefined {
  const result = objectOf(block['content']);
  const code = stringOf(result?.['error_code']);
  if (code !== undefined) return `[web fetch failed: ${code}]`;
  const document = objectOf(result?.['content']);
  const text = document === undefined ? undefined : documentText(document);
  return text === undefined ? undefined : `[fetched ${stringOf(result?.['url']) ?? 'a page'}]\n${text}`;
}

/** Block types whose meaning other models can read as text, and how. Any other type has none. */
const TEXT_OF: ReadonlyMap<string, (block: Json) => string | undefined> = new Map([
  ['document', documentText],
  ['search_result', searchResultText],
  ['server_tool_use', serverToolUseText],
  ['web_search_tool_result', webSearchResultText],
  ['web_fetch_tool_result', webFetchResultText],
]);

/** A block of `messages[message].content[index]` the proxy does not translate, as a canonical part. */
export function nativeBlockPart(block: Json, param: string): NativePart {
  const text = TEXT_OF.get(String(block['type']))?.(block);
  return {
    type: 'native',
    dialect: 'anthropic-messages',
    json: block,
    param,
    ...(text === undefined ? {} : { text }),
  };
}
