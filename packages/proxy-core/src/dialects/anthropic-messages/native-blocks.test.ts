import { describe, expect, it } from 'vitest';
import { decodeMessagesRequest } from './decode.ts';
import { SEARCH_AS_TEXT, SEARCH_CALL, SEARCH_RESULT, WEB_SEARCH_TOOL } from './testing/web-search.ts';

describe('Messages server tools and untranslated blocks', () => {
  it('keeps server tools out of the canonical tools, as hints, and the client list verbatim', () => {
    const tools = [
      { name: 'Read', input_schema: { type: 'object' } },
      WEB_SEARCH_TOOL,
      { type: 'mcp_toolset', mcp_server_name: 'docs' },
    ];
    const decoded = decodeMessagesRequest({
      model: 'm',
      max_tokens: 1,
      messages: [{ role: 'user', content: 'x' }],
      tools,
    });
    expect(decoded.tools).toEqual([{ name: 'Read', parameters: { type: 'object' } }]);
    expect(decoded.hintTools).toEqual(['web_search_20250305:web_search', 'mcp_toolset']);
    // The client's own objects, in order (parsing would have reordered their keys).
    expect(decoded.nativeTools).toEqual({ dialect: 'anthropic-messages', tools });
    expect(decoded.nativeTools?.tools[1]).toBe(tools[1]);
  });

  it('keeps an unknown block in place, with the text other models can read, or none', () => {
    const pdf = { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' } };
    const note = {
      type: 'document',
      title: 'Notes',
      source: { type: 'text', media_type: 'text/plain', data: 'Pelicans fly.' },
    };
    const found = {
      type: 'search_result',
      source: 'https://example.com/birds',
      title: 'Birds',
      content: [{ type: 'text', text: 'Pelicans are birds.' }],
    };
    const failed = {
      type: 'web_search_tool_result',
      tool_use_id: 'srvtoolu_02',
      content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' },
    };
    const decoded = decodeMessagesRequest({
      model: 'm',
      max_tokens: 1,
      messages: [
        { role: 'user', content: [pdf, note, found, { type: 'text', text: 'Read these.' }] },
        { role: 'assistant', content: [SEARCH_CALL, SEARCH_RESULT, failed, { type: 'text', text: 'Done.' }] },
      ],
    });
    const native = (json: object, param: string, text?: string): object => ({
      type: 'native',
      dialect: 'anthropic-messages',
      json,
      param,
      ...(text === undefined ? {} : { text }),
    });
    expect(decoded.messages).toEqual([
      {
        role: 'user',
        content: [
          native(pdf, 'messages[0].content[0].type'),
          native(note, 'messages[0].content[1].type', '[document: Notes]\nPelicans fly.'),
          native(
            found,
            'messages[0].content[2].type',
            '[search result from https://example.com/birds: Birds]\nPelicans are birds.',
          ),
          { type: 'text', text: 'Read these.' },
        ],
      },
      {
        role: 'assistant',
        content: [
          native(SEARCH_CALL, 'messages[1].content[0].type', SEARCH_AS_TEXT[0]),
          native(SEARCH_RESULT, 'messages[1].content[1].type', SEARCH_AS_TEXT[1]),
          native(failed, 'messages[1].content[2].type', '[web search failed: max_uses_exceeded]'),
          { type: 'text', text: 'Done.' },
        ],
      },
    ]);
  });
});
