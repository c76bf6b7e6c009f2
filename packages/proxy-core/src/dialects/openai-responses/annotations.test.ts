import { describe, expect, it } from 'vitest';
import type { Citation } from '../../canonical/citation.ts';
import { responsesAnnotations } from './annotations.ts';

describe('responsesAnnotations', () => {
  it("keeps OpenAI's own verbatim, turns another upstream's web page into a url_citation, and leaves out the rest", () => {
    const file = { type: 'file_citation', file_id: 'file-1', filename: 'n.md', index: 0 };
    const citations: Citation[] = [
      { dialect: 'openai-responses', native: file },
      { dialect: 'anthropic-messages', native: {}, url: { url: 'https://a.example', title: 'A' } },
      { dialect: 'anthropic-messages', native: { type: 'page_location' } },
    ];
    expect(responsesAnnotations(citations, 'cited')).toEqual([
      file,
      { type: 'url_citation', url: 'https://a.example', title: 'A', start_index: 0, end_index: 5 },
    ]);
  });
});
