/** An Anthropic web search answer whose text cites its sources: one plain text block, one with citations. */
import { SEARCH_CALL, SEARCH_RESULT } from './web-search.ts';

export const WEB_CITATION = {
  type: 'web_search_result_location',
  url: 'https://birds.example/pelicans',
  title: 'Pelicans',
  encrypted_index: 'Eo8BCioIAhgBIiQ3',
  cited_text: 'Most pelicans fly south for the winter.',
};

/** A document citation: only a Messages client has a shape for it. */
export const DOCUMENT_CITATION = {
  type: 'char_location',
  cited_text: 'south',
  document_index: 0,
  document_title: 'Field notes',
  start_char_index: 4,
  end_char_index: 9,
  file_id: null,
};

export const PLAIN_TEXT = { type: 'text', text: 'In winter, ', citations: null };
export const CITED_TEXT = {
  type: 'text',
  text: 'they fly south.',
  citations: [WEB_CITATION, DOCUMENT_CITATION],
};

export const CITED_ANSWER = [SEARCH_CALL, SEARCH_RESULT, PLAIN_TEXT, CITED_TEXT] as const;
