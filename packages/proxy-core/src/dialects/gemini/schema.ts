import { z } from 'zod';
import { boundedArray } from '../../canonical/bounded-array.ts';

/**
 * The parts of a Gemini `GenerateContentRequest` the proxy understands (REST JSON, camelCase, as `@google/genai`
 * and the Gemini CLI send it). Unknown fields are ignored here and judged by the field policy; a known field with
 * the wrong type is a 400 naming it. A part is one object with one data field set (Google's `oneof data`).
 */

const inlineData = z.looseObject({ mimeType: z.string().min(1), data: z.string().min(1) });
const fileData = z.looseObject({ mimeType: z.string().optional(), fileUri: z.string().min(1) });
const functionCall = z.looseObject({
  id: z.string().optional(),
  name: z.string().min(1),
  // Google's `Struct`: the arguments are always a JSON object.
  args: z.record(z.string(), z.unknown()).optional(),
});
const functionResponse = z.looseObject({
  id: z.string().optional(),
  name: z.string().min(1),
  response: z.record(z.string(), z.unknown()).optional(),
});

export const partSchema = z.looseObject({
  text: z.string().optional(),
  thought: z.boolean().optional(),
  thoughtSignature: z.string().optional(),
  inlineData: inlineData.optional(),
  fileData: fileData.optional(),
  functionCall: functionCall.optional(),
  functionResponse: functionResponse.optional(),
  executableCode: z.unknown().optional(),
  codeExecutionResult: z.unknown().optional(),
});

const content = z.looseObject({
  // Absent means user; `function` is the role older clients put function responses under.
  role: z.enum(['user', 'model', 'function']).optional(),
  parts: boundedArray(partSchema),
});

const functionDeclaration = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  parametersJsonSchema: z.record(z.string(), z.unknown()).optional(),
});

/** One `Tool`: function declarations, or a tool Google runs itself (googleSearch, codeExecution, urlContext…). */
export const toolSchema = z.looseObject({
  functionDeclarations: boundedArray(functionDeclaration).optional(),
});

const functionCallingConfig = z.looseObject({
  mode: z.enum(['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED']).optional(),
  allowedFunctionNames: boundedArray(z.string().min(1)).optional(),
});

const thinkingConfig = z.looseObject({
  includeThoughts: z.boolean().optional(),
  thinkingBudget: z.number().int().optional(),
  thinkingLevel: z.string().optional(),
});

const generationConfig = z.looseObject({
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().min(0).max(1).optional(),
  maxOutputTokens: z.number().int().positive().optional(),
  stopSequences: boundedArray(z.string()).optional(),
  thinkingConfig: thinkingConfig.optional(),
});

export const generateContentSchema = z.looseObject({
  contents: boundedArray(content, { min: 1 }),
  systemInstruction: z.union([z.string(), content]).optional(),
  tools: boundedArray(toolSchema).optional(),
  toolConfig: z.looseObject({ functionCallingConfig: functionCallingConfig.optional() }).optional(),
  generationConfig: generationConfig.optional(),
});

export type GenerateContentBody = z.output<typeof generateContentSchema>;
export type GeminiPart = z.output<typeof partSchema>;
export type GeminiContent = z.output<typeof content>;
export type GeminiTool = z.output<typeof toolSchema>;
export type GeminiFunctionCallingConfig = z.output<typeof functionCallingConfig>;
