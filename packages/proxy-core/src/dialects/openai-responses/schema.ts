import { z } from 'zod';
import { boundedArray } from '../../canonical/bounded-array.ts';

/**
 * The parts of a Responses request the proxy understands. Unknown fields are ignored (clients send more
 * than we decode), but a known field with the wrong type is a 400 naming it, never silently dropped.
 * Arrays are bounded (canonical/bounded-array.ts): validation stops at the first bad item.
 */
const textContent = z.looseObject({ type: z.enum(['input_text', 'output_text']), text: z.string() });
const refusalContent = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });
const imageContent = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string().min(1),
  detail: z.enum(['low', 'high', 'auto']).nullish(),
});
const contentPart = z.discriminatedUnion('type', [textContent, refusalContent, imageContent]);

export const messageItemSchema = z.looseObject({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), boundedArray(contentPart)]),
});
const functionCallItem = z.looseObject({
  type: z.literal('function_call'),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
  namespace: z.string().nullish(),
});
const customToolCallItem = z.looseObject({
  type: z.literal('custom_tool_call'),
  call_id: z.string().min(1),
  name: z.string().min(1),
  input: z.string(),
  namespace: z.string().nullish(),
});
const customToolCallOutputItem = z.looseObject({
  type: z.literal('custom_tool_call_output'),
  call_id: z.string().min(1),
  output: z.union([z.string(), z.array(textContent)]),
});
const functionCallOutputItem = z.looseObject({
  type: z.literal('function_call_output'),
  call_id: z.string().min(1),
  output: z.union([z.string(), boundedArray(textContent)]),
});
const reasoningItem = z.looseObject({
  type: z.literal('reasoning'),
  summary: boundedArray(z.looseObject({ text: z.string() })).optional(),
  encrypted_content: z.string().nullish(),
});

/** A compacted window (POST /v1/responses/compact): Switchyard's own summary, or OpenAI's opaque state. */
const compactionItem = z.looseObject({
  type: z.literal('compaction'),
  encrypted_content: z.string().min(1),
});

/** "Compact the context here" (server-side compaction inside a response): refused by the decoder, named. */
const compactionTriggerItem = z.looseObject({ type: z.literal('compaction_trigger') });

export const inputItemSchema = z.union([
  messageItemSchema,
  functionCallItem,
  functionCallOutputItem,
  customToolCallItem,
  customToolCallOutputItem,
  reasoningItem,
  compactionItem,
  compactionTriggerItem,
]);

const functionTool = z.looseObject({
  type: z.literal('function'),
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});
const customTool = z.looseObject({
  type: z.literal('custom'),
  name: z.string().min(1),
  description: z.string().nullish(),
});
/**
 * A tool whose `type` picks its shape from `shapes`, checked field by field so a bad field is named precisely
 * (a plain union would only say "invalid input" at the tool). `others` says what any other type is.
 */
function toolOf(shapes: Readonly<Record<string, z.ZodType>>, others: 'hosted' | 'refused') {
  return z.looseObject({ type: z.string().min(1) }).check((ctx) => {
    const shape = shapes[ctx.value.type];
    if (shape === undefined && others === 'refused') {
      ctx.issues.push({
        code: 'custom',
        path: ['type'],
        message: `expected one of ${Object.keys(shapes).join(', ')}`,
        input: ctx.value,
      });
    }
    for (const issue of shape?.safeParse(ctx.value).error?.issues ?? [])
      ctx.issues.push({ code: 'custom', path: issue.path, message: issue.message, input: ctx.value });
  });
}

const namespaceTool = z.looseObject({
  type: z.literal('namespace'),
  name: z.string().min(1),
  tools: z.array(toolOf({ function: functionTool, custom: customTool }, 'refused')),
});
/**
 * Any type of OpenAI's Tool union. The types the proxy translates are checked by their shape; every other type
 * is a hosted tool, whose fate is tool-policy.ts's call.
 */
const tool = toolOf({ function: functionTool, custom: customTool, namespace: namespaceTool }, 'hosted');

const toolChoice = z.union([
  z.enum(['auto', 'none', 'required']),
  z.looseObject({ type: z.literal('function'), name: z.string().min(1) }),
]);

export const responsesRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), boundedArray(inputItemSchema)]).optional(),
  instructions: z.string().nullish(),
  stream: z.boolean().nullish(),
  tools: boundedArray(tool).optional(),
  tool_choice: toolChoice.optional(),
  parallel_tool_calls: z.boolean().nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  reasoning: z.looseObject({ effort: z.string().nullish(), summary: z.string().nullish() }).nullish(),
  // Sent by Codex on every call; `text.format` other than plain text is refused by the decoder (uncarried).
  text: z
    .looseObject({
      format: z.looseObject({ type: z.string() }).nullish(),
      verbosity: z.string().nullish(),
    })
    .nullish(),
  include: boundedArray(z.string()).nullish(),
  prompt_cache_key: z.string().nullish(),
  top_logprobs: z.number().int().min(0).nullish(),
  previous_response_id: z.string().min(1).nullish(),
  store: z.boolean().nullish(),
  background: z.boolean().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});

export type ResponsesRequestBody = z.output<typeof responsesRequestSchema>;
export type InputItem = z.output<typeof inputItemSchema>;
