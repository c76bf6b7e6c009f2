import { describe, expect, it } from 'vitest';
import type { Citation } from '../../canonical/citation.ts';
import { chatAnnotations } from './annotations.ts';

const page = { url: 'https://a.example', title: 'A' };

describe('chatAnnotations', () => {
  it("gives every cited web page a url_citation, its span moved to the part's place in the content", () => {
    const citations: Citation[] = [
      { dialect: 'anthropic-messages', native: {}, url: page },
      { dialect: 'openai-responses', native: {}, url: { ...page, span: { start: 1, end: 3 } } },
      { dialect: 'anthropic-messages', native: { type: 'char_location' } },
    ];
    expect(chatAnnotations(citations, 'four'.length, 10)).toEqual([
      { type: 'url_citation', url_citation: { ...page, start_index: 10, end_index: 14 } },
      { type: 'url_citation', url_citation: { ...page, start_index: 11, end_index: 13 } },
    ]);
  });

  it('names an untitled page with an empty title (Chat requires one)', () => {
    const citations: Citation[] = [{ dialect: 'anthropic-messages', native: {}, url: { url: page.url } }];
    expect(chatAnnotations(citations, 'x'.length, 0)).toEqual([
      { type: 'url_citation', url_citation: { url: page.url, title: '', start_index: 0, end_index: 1 } },
    ]);
  });
});
