/**
 * The one egress scrub (design §3): every secret the proxy holds — client keys, upstream keys from the config
 * and from the environment — and the forms derived from it are replaced by {@link CENSOR} before text leaves
 * the process. One instance per server, built from that server's secrets (no module state).
 *
 * Three passes, each linear in the text: `key=`/`token=` query values; the derived literal forms (a match is
 * widened to the whole token around it, so a key with a changed prefix or a tail still goes entirely); and
 * partly masked keys (`sk-proj-abc****…wxyz`) whose visible prefix or suffix belongs to a held secret.
 * Written by hand because it is the product itself: no library knows which strings this server must hide.
 */
import { MIN_SECRET_LENGTH, derivedForms } from './derived-forms.ts';

export const CENSOR = '[REDACTED]';

/** `key`, `token`, `api_key`, `access_token`, `auth_token`… as query parameters. */
// The value stops at a backslash too: inside JSON text that starts an escape the censor must not split.
const QUERY_SECRET = /([?&](?:[\w-]*key|[\w-]*token))=[^&\s"'#\\]*/gi;

export function redactQuery(text: string): string {
  return text.replace(QUERY_SECRET, `$1=${CENSOR}`);
}

/** Characters a key, its URL-safe or standard base64 form can be made of: a match widens over them. */
const TOKEN_CHAR = /[A-Za-z0-9_\-+/]/;
/** What masking looks like: three or more `*` or `•`, an ellipsis, or three dots. */
const MASK_RUN = /\*{3,}|•{3,}|…|\.{3}/;
const MASKED_TOKEN_CHAR = /[A-Za-z0-9_\-*•….]/;
const MASK_CHARS = /[*•….]/;
/** A visible prefix must be this long to identify a key (`sk-`), a visible suffix this long (OpenAI shows 4). */
const MIN_VISIBLE_PREFIX = 3;
const MIN_VISIBLE_SUFFIX = 4;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Span {
  readonly start: number;
  readonly end: number;
}

function widen(text: string, start: number, end: number, tokenChar: RegExp): Span {
  let from = start;
  let to = end;
  while (from > 0 && tokenChar.test(text.charAt(from - 1))) from -= 1;
  while (to < text.length && tokenChar.test(text.charAt(to))) to += 1;
  return { start: from, end: to };
}

function replaceSpans(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    // Never leave half an escape sequence behind (a secret holding `\` appears as `\\` in JSON text).
    let start = span.start;
    while (start > at && text.charAt(start - 1) === '\\') start -= 1;
    out += text.slice(at, start) + CENSOR;
    at = span.end;
  }
  return out + text.slice(at);
}

export class SecretScrubber {
  /** Holds nothing: only `key=` query values are censored. */
  static readonly empty = new SecretScrubber([]);

  /** The held secrets themselves (not their forms), deduplicated. */
  readonly secrets: readonly string[];
  private readonly forms: RegExp | undefined;
  // Global regexes carry a cursor (`lastIndex`): each scrubber owns its own.
  private readonly maskRuns = new RegExp(MASK_RUN.source, 'g');

  constructor(secrets: Iterable<string>) {
    this.secrets = [...new Set(secrets)].filter((secret) => secret.length >= MIN_SECRET_LENGTH);
    const forms = new Set<string>();
    for (const secret of this.secrets) for (const form of derivedForms(secret)) forms.add(form);
    // Longest first, so at a given position the whole key wins over one of its runs.
    this.forms =
      forms.size === 0
        ? undefined
        : new RegExp(
            [...forms]
              .sort((a, b) => b.length - a.length)
              .map(escapeRegExp)
              .join('|'),
            'g',
          );
  }

  /** `text` with every held secret, in every derived form, replaced by {@link CENSOR}. */
  scrub(text: string): string {
    const withoutQuery = redactQuery(text);
    if (this.forms === undefined) return withoutQuery;
    return this.scrubMasked(this.scrubForms(withoutQuery));
  }

  /** Whether `text` would change: for callers that must not copy a clean payload. */
  holdsSecret(text: string): boolean {
    return this.scrub(text) !== text;
  }

  private scrubForms(text: string): string {
    const pattern = this.forms;
    if (pattern === undefined) return text;
    const spans: Span[] = [];
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const span = widen(text, match.index, match.index + match[0].length, TOKEN_CHAR);
      spans.push(span);
      pattern.lastIndex = span.end;
    }
    return replaceSpans(text, spans);
  }

  private scrubMasked(text: string): string {
    const spans: Span[] = [];
    const runs = this.maskRuns;
    runs.lastIndex = 0;
    for (let match = runs.exec(text); match !== null; match = runs.exec(text)) {
      const span = widen(text, match.index, match.index + match[0].length, MASKED_TOKEN_CHAR);
      runs.lastIndex = span.end;
      if (this.isMaskedSecret(text.slice(span.start, span.end))) spans.push(span);
    }
    return replaceSpans(text, spans);
  }

  /** `sk-canar****…f5dd`: the visible prefix starts a held secret, or the visible suffix ends one. */
  private isMaskedSecret(widened: string): boolean {
    // A sentence's full stop is not part of the mask.
    const token = widened.replace(/\.+$/, '');
    // No mask left once the full stop is gone: `sk-abc...` shows a prefix and hides the rest.
    const firstMask = token.search(MASK_CHARS) === -1 ? token.length : token.search(MASK_CHARS);
    let lastMask = token.length - 1;
    while (lastMask >= 0 && !MASK_CHARS.test(token.charAt(lastMask))) lastMask -= 1;
    const prefix = token.slice(0, firstMask);
    const suffix = token.slice(lastMask + 1);
    return this.secrets.some(
      (secret) =>
        (prefix.length >= MIN_VISIBLE_PREFIX && secret.startsWith(prefix)) ||
        (suffix.length >= MIN_VISIBLE_SUFFIX && secret.endsWith(suffix)),
    );
  }
}
