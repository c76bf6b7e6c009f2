import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fieldPath, parseBody } from './validate.ts';

describe('parseBody', () => {
  const schema = z.object({ messages: z.array(z.object({ content: z.string() })) });

  it('names the failing field in OpenAI param style', () => {
    expect(fieldPath(['messages', 0, 'content'])).toBe('messages[0].content');
    expect(() => parseBody(schema, { messages: [{ content: 1 }] })).toThrow(/'messages\[0\]\.content'/);
  });

  it('rejects bodies that are not JSON objects', () => {
    for (const body of [null, [], 'text']) {
      expect(() => parseBody(schema, body)).toThrow('Request body must be a JSON object.');
    }
  });
});
