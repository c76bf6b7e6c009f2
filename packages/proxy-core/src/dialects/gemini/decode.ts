/**
 * A Gemini `generateContent` body → the canonical request. The model and streaming come from the URL
 * (`/v1beta/models/{model}:streamGenerateContent`), not the body. Gemini answers a function call by name (an `id`
 * is optional), so calls without an id get one here and each `functionResponse` answers the oldest unanswered call
 * of its name, the order Gemini itself pairs them in.
 */
import type { CanonicalMessage, ContentPart, ImagePart, TextPart } from '../../canonical/content.ts';
import type {
  DecodedRequest,
  NativeTools,
  ThinkingRequest,
  ToolChoice,
  ToolDefinition,
} from '../../canonical/request.ts';
import { parseBody, unsupported } from '../../canonical/validate.ts';
import { nativeGeminiFields } from './field-policy.ts';
import { openApiToJsonSchema } from './parameters-schema.ts';
import {
  generateContentSchema,
  type GeminiContent,
  type GeminiFunctionCallingConfig,
  type GeminiPart,
  type GeminiTool,
  type GenerateContentBody,
} from './schema.ts';

export interface GeminiDecodedRequest extends DecodedRequest {
  /** `thinkingConfig.includeThoughts`: Gemini returns thought parts only when asked, whoever thinks. */
  readonly includeThoughts: boolean;
}

export interface GeminiCallContext {
  /** The model from the URL path. */
  readonly model: string;
  /** `streamGenerateContent` rather than `generateContent`. */
  readonly stream: boolean;
}

/** Function-call ids handed out while decoding, so responses find the call they answer. */
class CallIds {
  private readonly unanswered = new Map<string, string[]>();
  private count = 0;

  call(name: string, id: string | undefined): string {
    const assigned = id ?? `call_${name}_${this.count}`;
    this.count += 1;
    const queue = this.unanswered.get(name) ?? [];
    queue.push(assigned);
    this.unanswered.set(name, queue);
    return assigned;
  }

  response(name: string, id: string | undefined, param: string): string {
    const queue = this.unanswered.get(name) ?? [];
    const index = id === undefined ? 0 : queue.indexOf(id);
    const found = index === -1 ? undefined : queue.splice(index, 1)[0];
    if (found !== undefined) return found;
    if (id !== undefined) return id;
    throw unsupported(
      param,
      `'${param}' answers function "${name}", but no earlier model turn called it; every provider needs the call a response answers.`,
    );
  }
}

/** The text of a function response: Gemini's `{output}` / `{error}` convention unwrapped, any other object as JSON. */
function responseText(response: Readonly<Record<string, unknown>>): { text: string; isError: boolean } {
  const keys = Object.keys(response);
  const only = keys.length === 1 ? keys[0] : undefined;
  const value = only === 'output' || only === 'error' ? response[only] : response;
  return { text: typeof value === 'string' ? value : JSON.stringify(value), isError: only === 'error' };
}

function imageOf(part: GeminiPart, param: string): ImagePart {
  if (part.inlineData !== undefined && part.inlineData.mimeType.startsWith('image/')) {
    return {
      type: 'image',
      source: 'base64',
      mediaType: part.inlineData.mimeType,
      data: part.inlineData.data,
    };
  }
  const uri = part.fileData?.fileUri;
  if (part.fileData !== undefined && uri !== undefined && /^https?:\/\//i.test(uri)) {
    const mime = part.fileData.mimeType;
    if (mime === undefined || mime.startsWith('image/')) return { type: 'image', source: 'url', url: uri };
  }
  const field = part.inlineData === undefined ? 'fileData' : 'inlineData';
  throw unsupported(
    `${param}.${field}`,
    `'${param}.${field}' is not supported by this proxy: only images (inline, or by http(s) URL) are carried to every provider.`,
  );
}

function partsOf(part: GeminiPart, param: string, ids: CallIds): ContentPart[] {
  if (part.executableCode !== undefined || part.codeExecutionResult !== undefined) {
    throw unsupported(
      param,
      `'${param}' holds code execution, which only Gemini runs; it cannot be carried to other providers. Remove it.`,
    );
  }
  if (part.functionCall !== undefined) {
    const { name, id, args } = part.functionCall;
    const call: ContentPart = {
      type: 'tool_call',
      id: ids.call(name, id),
      name,
      arguments: JSON.stringify(args ?? {}),
    };
    // Gemini 3 signs its calls; the signature travels as reasoning before the call (see the gemini provider).
    return part.thoughtSignature === undefined || part.thoughtSignature === ''
      ? [call]
      : [{ type: 'reasoning', text: '', signature: part.thoughtSignature, issuer: 'gemini' }, call];
  }
  if (part.functionResponse !== undefined) {
    const { name, id, response } = part.functionResponse;
    const { text, isError } = responseText(response ?? {});
    return [
      {
        type: 'tool_result',
        toolCallId: ids.response(name, id, `${param}.functionResponse`),
        content: [{ type: 'text', text }],
        isError,
      },
    ];
  }
  if (part.inlineData !== undefined || part.fileData !== undefined) return [imageOf(part, param)];
  if (part.text === undefined) return [];
  if (part.thought === true) {
    return [
      part.thoughtSignature === undefined
        ? { type: 'reasoning', text: part.text }
        : { type: 'reasoning', text: part.text, signature: part.thoughtSignature },
    ];
  }
  return [{ type: 'text', text: part.text }];
}

function messagesOf(contents: readonly GeminiContent[]): CanonicalMessage[] {
  const ids = new CallIds();
  return contents.flatMap((content, index) => {
    const parts = content.parts.flatMap((part, at) => partsOf(part, `contents[${index}].parts[${at}]`, ids));
    if (parts.length === 0) return [];
    return [{ role: content.role === 'model' ? 'assistant' : 'user', content: parts }];
  });
}

function systemOf(instruction: GenerateContentBody['systemInstruction']): TextPart[] {
  if (instruction === undefined) return [];
  if (typeof instruction === 'string') return instruction === '' ? [] : [{ type: 'text', text: instruction }];
  return instruction.parts.flatMap((part, index) => {
    if (part.text === undefined) {
      throw unsupported(
        `systemInstruction.parts[${index}]`,
        `'systemInstruction.parts[${index}]' is not text; a system instruction can only carry text.`,
      );
    }
    return part.text === '' ? [] : [{ type: 'text' as const, text: part.text }];
  });
}

interface DecodedTools {
  readonly tools: ToolDefinition[];
  /** Tools Google runs itself (googleSearch, codeExecution…): hints other providers drop, reported. */
  readonly hosted: string[];
}

function toolsOf(tools: readonly GeminiTool[]): DecodedTools {
  const decoded: DecodedTools = { tools: [], hosted: [] };
  for (const tool of tools) {
    for (const declaration of tool.functionDeclarations ?? []) {
      const parameters =
        declaration.parametersJsonSchema ??
        (declaration.parameters === undefined
          ? { type: 'object', properties: {} }
          : openApiToJsonSchema(declaration.parameters));
      decoded.tools.push({
        name: declaration.name,
        parameters,
        ...(declaration.description === undefined ? {} : { description: declaration.description }),
      });
    }
    decoded.hosted.push(...Object.keys(tool).filter((key) => key !== 'functionDeclarations'));
  }
  return decoded;
}

function toolChoiceOf(
  config: GeminiFunctionCallingConfig | undefined,
  declared: readonly ToolDefinition[],
): ToolChoice | undefined {
  const param = 'toolConfig.functionCallingConfig';
  switch (config?.mode) {
    case undefined:
      return undefined;
    case 'MODE_UNSPECIFIED':
    case 'AUTO':
      return { type: 'auto' };
    case 'NONE':
      return { type: 'none' };
    case 'VALIDATED':
      throw unsupported(
        `${param}.mode`,
        `'${param}.mode: VALIDATED' (schema-validated calls) is not supported by this proxy; use AUTO or ANY.`,
      );
    case 'ANY': {
      const allowed = [...new Set(config.allowedFunctionNames ?? [])];
      if (allowed.length === 1 && allowed[0] !== undefined) return { type: 'tool', name: allowed[0] };
      if (allowed.length === 0 || declared.every((tool) => allowed.includes(tool.name)))
        return { type: 'required' };
      throw unsupported(
        `${param}.allowedFunctionNames`,
        `'${param}.allowedFunctionNames' with several names but not all declared functions cannot be carried to every provider; name one function, or all of them.`,
      );
    }
  }
}

function thinkingOf(body: GenerateContentBody): ThinkingRequest | undefined {
  const config = body.generationConfig?.thinkingConfig;
  // A level (Gemini 3) wins over a budget (Gemini 2.5), as Gemini itself reads them (thinking/body-sources.ts).
  if (config?.thinkingLevel !== undefined) return { effort: config.thinkingLevel };
  if (config?.thinkingBudget !== undefined) return { budgetTokens: config.thinkingBudget };
  return undefined;
}

/** Decodes a Gemini body; every rejection is a 400 naming the offending field. */
export function decodeGenerateContentRequest(raw: unknown, context: GeminiCallContext): GeminiDecodedRequest {
  const body = parseBody(generateContentSchema, raw);
  const nativeFields = nativeGeminiFields(body);
  const { tools, hosted } = toolsOf(body.tools ?? []);
  const nativeTools: NativeTools | undefined =
    hosted.length === 0 ? undefined : { dialect: 'gemini', tools: body.tools ?? [] };
  const toolChoice = toolChoiceOf(body.toolConfig?.functionCallingConfig, tools);
  const generation = body.generationConfig;
  const thinking = thinkingOf(body);
  return {
    dialect: 'gemini',
    model: context.model,
    ...(nativeFields === undefined ? {} : { nativeFields }),
    system: systemOf(body.systemInstruction),
    messages: messagesOf(body.contents),
    tools,
    ...(nativeTools === undefined ? {} : { nativeTools, hintTools: hosted }),
    ...(toolChoice === undefined ? {} : { toolChoice }),
    ...(generation?.maxOutputTokens === undefined ? {} : { maxOutputTokens: generation.maxOutputTokens }),
    ...(generation?.temperature === undefined ? {} : { temperature: generation.temperature }),
    ...(generation?.topP === undefined ? {} : { topP: generation.topP }),
    stopSequences: generation?.stopSequences ?? [],
    ...(thinking === undefined ? {} : { thinking }),
    stream: context.stream,
    includeThoughts: generation?.thinkingConfig?.includeThoughts === true,
  };
}
