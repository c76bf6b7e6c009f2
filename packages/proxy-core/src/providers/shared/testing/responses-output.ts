import type OpenAI from 'openai';

/**
 * Each `output_text` of a Responses answer as `[text, annotations]`, what a client reads of it (the SDK's stream
 * accumulator adds a `parsed` of its own, so whole parts would differ between streamed and not).
 */
export function outputTexts(response: OpenAI.Responses.Response): [string, unknown[]][] {
  return response.output.flatMap((item) =>
    item.type === 'message'
      ? item.content.flatMap((part): [string, unknown[]][] =>
          part.type === 'output_text' ? [[part.text, part.annotations]] : [],
        )
      : [],
  );
}
