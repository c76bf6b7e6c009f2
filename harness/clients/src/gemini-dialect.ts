/**
 * The Gemini `streamGenerateContent?alt=sse` wire format for the scripted upstream (protocols.md §5: `data:`
 * chunks, no `[DONE]`, the last one with `finishReason` and `usageMetadata`), with rules Gemini documents and
 * enforces:
 * - `contents[].role` is `user` or `model`;
 * - a turn of `functionResponse` parts answers the function call turn right before it, one response per call,
 *   by function name;
 * - function declaration names start with a letter or underscore, then letters, digits, `_ . : -`, at most 64;
 * - Gemini 3 models sign each function call (`thoughtSignature`) and refuse a replayed call of the current turn
 *   without the signature they issued;
 * - the agent's instructions must be there as `systemInstruction` (scripted rule: an agent whose instructions
 *   were lost answers as a bare model).
 */
import type { UpstreamDialect } from './scripted-upstream.ts';

type Json = Record<string, unknown>;

const FUNCTION_NAME = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function contents(body: Json): Json[] {
  return list(body['contents']);
}

function parts(content: Json | undefined): Json[] {
  return list(content?.['parts']);
}

function names(content: Json | undefined, key: 'functionCall' | 'functionResponse'): string[] {
  return parts(content)
    .map((part) => (part[key] as Json | undefined)?.['name'])
    .filter((name): name is string => typeof name === 'string');
}

/** Gemini 3 signs function calls; this upstream's signatures, recognisable on replay. */
const SIGNATURE = /^tsig-scripted-\d+$/;

function violationInContents(list: readonly Json[], signed: boolean): string | undefined {
  for (const [index, content] of list.entries()) {
    for (const [at, part] of parts(content).entries()) {
      if (
        signed &&
        part['functionCall'] !== undefined &&
        !SIGNATURE.test(text(part['thoughtSignature'] ?? ''))
      )
        return `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. (contents[${index}].parts[${at}])`;
    }
    const role = content['role'];
    if (role !== 'user' && role !== 'model')
      return `Please use a valid role: user, model. (contents[${index}].role: ${text(role)})`;
    const responses = names(content, 'functionResponse');
    if (responses.length === 0) continue;
    const calls = names(list[index - 1], 'functionCall');
    if (calls.length !== responses.length || calls.some((name, at) => responses[at] !== name))
      return `Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn. (contents[${index}])`;
  }
  return undefined;
}

function chunk(candidateParts: Json[], finishReason?: string): string {
  const data = {
    candidates: [
      {
        content: { role: 'model', parts: candidateParts },
        index: 0,
        ...(finishReason === undefined ? {} : { finishReason }),
      },
    ],
    ...(finishReason === undefined
      ? {}
      : { usageMetadata: { promptTokenCount: 120, candidatesTokenCount: 12, totalTokenCount: 132 } }),
    modelVersion: 'gemini-scripted',
  };
  return `data: ${JSON.stringify(data)}\r\n\r\n`;
}

/**
 * The Gemini wire format; `signsCalls` plays a Gemini 3 model (the model is in the URL, not the body, so the
 * upstream is told which generation it plays).
 */
export function geminiDialect({ signsCalls }: { readonly signsCalls: boolean }): UpstreamDialect {
  return {
    violation(body) {
      for (const [index, group] of list(body['tools']).entries()) {
        for (const [at, declaration] of list(group['functionDeclarations']).entries()) {
          const name = text(declaration['name']);
          if (!FUNCTION_NAME.test(name))
            return `Invalid function name '${name}' (tools[${index}].function_declarations[${at}].name): must start with a letter or an underscore, then letters, digits, underscores, dots, colons or dashes, at most 64.`;
        }
      }
      const system = parts(body['systemInstruction'] as Json | undefined)
        .map((part) => text(part['text']))
        .join('');
      if (system.trim() === '')
        return 'scripted rule: the agent instructions (systemInstruction) are missing';
      return violationInContents(contents(body), signsCalls);
    },
    toolResult(body) {
      const last = contents(body).at(-1);
      const response = parts(last).find((part) => part['functionResponse'] !== undefined)?.[
        'functionResponse'
      ];
      return response === undefined ? undefined : text((response as Json)['response']);
    },
    toolCall(body, tool, input) {
      const signature = signsCalls ? { thoughtSignature: `tsig-scripted-${contents(body).length}` } : {};
      return [chunk([{ functionCall: { name: tool, args: input }, ...signature }], 'STOP')];
    },
    text(_body, answer) {
      return [chunk([{ text: answer.slice(0, 6) }]), chunk([{ text: answer.slice(6) }], 'STOP')];
    },
    errorBody(message) {
      return { error: { code: 400, message, status: 'INVALID_ARGUMENT' } };
    },
  };
}
