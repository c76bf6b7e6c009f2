/**
 * A model reference as clients write it: `model`, `provider/model`, optionally followed by a thinking
 * suffix in parentheses, e.g. `anthropic/claude-haiku-4-5(high)` or `gemini-3.8-flash(high)`.
 * Parsing only; what a provider or a thinking value means is decided elsewhere.
 */
export interface ModelRef {
  /** The text the client sent, unchanged. */
  readonly raw: string;
  /** The provider prefix when the client qualified the model (`provider/model`). */
  readonly provider: string | undefined;
  /** The model name without provider prefix or thinking suffix. */
  readonly model: string;
  /** The raw text inside a trailing `( … )`, trimmed; undefined when there is no suffix. */
  readonly thinkingSuffix: string | undefined;
}

export class ModelRefError extends Error {
  override readonly name = 'ModelRefError';
}

const SUFFIX = /^(?<base>.*?)\((?<value>[^()]*)\)$/s;

export function parseModelRef(raw: string): ModelRef {
  const text = raw.trim();
  if (text === '') throw new ModelRefError('model must be a non-empty string');
  let base = text;
  let thinkingSuffix: string | undefined;
  const match = SUFFIX.exec(text);
  if (match?.groups !== undefined) {
    base = (match.groups['base'] ?? '').trim();
    thinkingSuffix = (match.groups['value'] ?? '').trim();
    if (thinkingSuffix === '') throw new ModelRefError(`model "${raw}" has an empty thinking suffix "()"`);
  } else if (text.includes('(') || text.includes(')')) {
    throw new ModelRefError(
      `model "${raw}" has unbalanced parentheses; use model(value) for a thinking suffix`,
    );
  }
  const slash = base.indexOf('/');
  const provider = slash === -1 ? undefined : base.slice(0, slash).trim().toLowerCase();
  const model = slash === -1 ? base : base.slice(slash + 1).trim();
  if (provider === '') throw new ModelRefError(`model "${raw}" has an empty provider before "/"`);
  if (model === '') throw new ModelRefError(`model "${raw}" names no model`);
  return { raw, provider, model, thinkingSuffix };
}

/** The provider-qualified id under which a model is listed, e.g. `openai/gpt-5-codex-mini`. */
export function qualifiedModelId(provider: string, model: string): string {
  return `${provider}/${model}`;
}
