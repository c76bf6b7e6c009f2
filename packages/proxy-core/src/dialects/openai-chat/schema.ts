import { z } from 'zod';
import { boundedArray } from '../../canonical/bounded-array.ts';

/**
 * The parts of a Chat Completions request the proxy understands. Unknown fields are ignored, a known field
 * with the wrong type is a 400 naming it. Arrays are bounded: validation stops at the first bad item.
 */
const textPart = z.looseObject({ type: z.literal('text'), text: z.string() });
const imagePart = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({ url: z.string().min(1), detail: z.enum(['low', 'high', 'auto']).nullish() }),
});
const userContent = z.union([z.string(), boundedArray(z.discriminatedUnion('type', [textPart, imagePart]))]);
const textContent = z.union([z.string(), boundedArray(textPart)]);

const toolCall = z.looseObject({
  id: z.string().min(1),
  type: z.literal('function'),
  function: z.looseObject({ name: z.string().min(1), arguments: z.string() }),
});

const message = z.discriminatedUnion('role', [
  z.looseObject({ role: z.literal('system'), content: textContent }),
  z.looseObject({ role: z.literal('developer'), content: textContent }),
  z.looseObject({ role: z.literal('user'), content: userContent }),
  z.looseObject({
    role: z.literal('assistant'),
    content: textContent.nullish(),
    tool_calls: boundedArray(toolCall).optional(),
    reasoning_content: z.string().nullish(),
  }),
  z.looseObject({ role: z.literal('tool'), tool_call_id: z.string().min(1), content: textContent }),
]);

const tool = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoice = z.union([
  z.enum(['auto', 'none', 'required']),
  z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string().min(1) }) }),
]);

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: boundedArray(message, { min: 1 }),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  tools: boundedArray(tool).optional(),
  tool_choice: toolChoice.optional(),
  parallel_tool_calls: z.boolean().optional(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stop: z.union([z.string(), boundedArray(z.string(), { max: 4 })]).nullish(),
  n: z.number().int().positive().nullish(),
  reasoning_effort: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});

export type ChatRequestBody = z.output<typeof chatRequestSchema>;
export type ChatMessage = z.output<typeof message>;
