import { unsupported } from './validate.ts';

/**
 * A request field a client dialect defines but the canonical representation does not carry to any provider.
 * Accepting it would answer as if it had been applied — a JSON-mode request getting prose, a seeded request
 * getting an unseeded answer — so it is refused with a 400 naming it, unless it holds its no-op default.
 */
export interface UncarriedField {
  /** Dotted path in the body, e.g. `response_format` or `text.format`. */
  readonly param: string;
  /** What the client would lose, for the error message. */
  readonly feature: string;
  /** True for the value that changes nothing (e.g. `frequency_penalty: 0`); absent and null are always fine. */
  readonly isDefault?: (value: unknown) => boolean;
}

function valueAt(body: Readonly<Record<string, unknown>>, param: string): unknown {
  let current: unknown = body;
  for (const key of param.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Throws 400 `unsupported_parameter` for the first uncarried field that is set to something that matters. */
export function rejectUncarried(
  body: Readonly<Record<string, unknown>>,
  fields: readonly UncarriedField[],
): void {
  for (const field of fields) {
    const value = valueAt(body, field.param);
    if (value === undefined || value === null || field.isDefault?.(value) === true) continue;
    throw unsupported(
      field.param,
      `'${field.param}' (${field.feature}) is not supported by this proxy, and ignoring it would change the answer you expect; remove it.`,
    );
  }
}

/** Reusable "no-op value" tests. */
export const isZero = (value: unknown): boolean => value === 0;
export const isFalse = (value: unknown): boolean => value === false;
export const isEmptyObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 0;
export const isPlainTextFormat = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'text';
