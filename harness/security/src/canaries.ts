/**
 * Canary secrets and every derived form the proxy must scrub (design §3 "one egress scrub"): the literal,
 * JSON-escaped, URL-encoded, base64 of the key and of `Bearer <key>`, partly masked prefix****suffix
 * forms as providers print them, and every 8-character run of the key's random part.
 *
 * Canaries are built at run time so no secret-shaped literal sits in the repository, and a finding names
 * the sink and the form, never the secret.
 */
import { randomBytes } from 'node:crypto';

export interface Canary {
  /** What the canary stands for, e.g. "openai key from the config file". */
  readonly label: string;
  readonly value: string;
  /** The random part: any 8-character run of it is a leak. */
  readonly randomPart: string;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh key-shaped canary, `sk-test-canary-<tag>-<24 random letters and digits>`. */
export function makeCanary(tag: string, label = tag): Canary {
  const randomPart = [...randomBytes(24)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
  return { label, value: ['sk', 'test', 'canary', tag, randomPart].join('-'), randomPart };
}

/** The partly masked forms providers print in 401 bodies (`sk-abc****…wxyz`). */
export function maskedForms(key: string): string[] {
  return [
    `${key.slice(0, 6)}${'*'.repeat(key.length - 10)}${key.slice(-4)}`,
    `${key.slice(0, 8)}****${key.slice(-4)}`,
    `${key.slice(0, 3)}...${key.slice(-6)}`,
  ];
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** Every form of one canary a scan looks for, by name. */
export function leakForms(canary: Canary): ReadonlyMap<string, string> {
  const { value, randomPart } = canary;
  const forms = new Map<string, string>([
    ['literal', value],
    ['json-escaped', JSON.stringify(value).slice(1, -1)],
    ['url-encoded', encodeURIComponent(value)],
    ['base64', base64(value)],
    ['base64url', Buffer.from(value).toString('base64url')],
    ['base64 of Bearer', base64(`Bearer ${value}`)],
  ]);
  maskedForms(value).forEach((form, index) => forms.set(`masked #${index + 1}`, form));
  for (let start = 0; start + 8 <= randomPart.length; start += 1) {
    forms.set(`8-char run at ${start}`, randomPart.slice(start, start + 8));
  }
  return forms;
}

export interface Leak {
  readonly sink: string;
  readonly canary: string;
  readonly form: string;
}

/** Where one sink's bytes contain any form of any canary; the finding names the form, never the value. */
export function findLeaks(sink: string, bytes: Buffer | string, canaries: readonly Canary[]): Leak[] {
  const haystack = typeof bytes === 'string' ? bytes : bytes.toString('latin1');
  const leaks: Leak[] = [];
  for (const canary of canaries) {
    for (const [form, needle] of leakForms(canary)) {
      // latin1 keeps every byte of a binary sink (SQLite pages) addressable; forms are ASCII.
      if (haystack.includes(needle)) leaks.push({ sink, canary: canary.label, form });
    }
  }
  return leaks;
}

/** One line per sink: which canaries leaked there and in which forms (for a readable failure). */
export function summariseLeaks(leaks: readonly Leak[]): string[] {
  const bySink = new Map<string, Set<string>>();
  for (const leak of leaks) {
    const entries = bySink.get(leak.sink) ?? new Set<string>();
    entries.add(`${leak.canary} (${leak.form})`);
    bySink.set(leak.sink, entries);
  }
  return [...bySink].map(
    ([sink, entries]) =>
      `${sink}: ${[...entries].slice(0, 6).join(', ')}${entries.size > 6 ? ` … +${entries.size - 6}` : ''}`,
  );
}
