/** What Claude Code's web search leaves in a Messages request: the server tool, its call and its results. */
export const WEB_SEARCH_TOOL = { type: 'web_search_20250305', name: 'web_search', max_uses: 5 };

export const SEARCH_CALL = {
  type: 'server_tool_use',
  id: 'srvtoolu_01',
  name: 'web_search',
  input: { query: 'pelican migration' },
};

export const SEARCH_RESULT = {
  type: 'web_search_tool_result',
  tool_use_id: 'srvtoolu_01',
  content: [
    {
      type: 'web_search_result',
      title: 'Pelicans',
      url: 'https://birds.example/pelicans',
      encrypted_content: 'EqgfCioIARgBIiQ3',
      page_age: 'April 30, 2025',
    },
  ],
};

/** SEARCH_CALL and SEARCH_RESULT as another model reads them (native-blocks.ts). */
export const SEARCH_AS_TEXT = [
  '[called the server tool web_search with {"query":"pelican migration"}]',
  '[web search results]\n- Pelicans (https://birds.example/pelicans)',
] as const;
