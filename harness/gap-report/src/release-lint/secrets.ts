import type { MarkdownDoc } from './markdown.ts';

/**
 * Shapes of real credentials. The same shapes as harness/security's scanner, kept here as a small
 * list so the gap report does not depend on another harness workspace. `sk-test…` is allowed:
 * docs may show obviously fake keys.
 */
export const SECRET_SHAPES: readonly { readonly id: string; readonly pattern: RegExp }[] = [
  { id: 'openai-key', pattern: /\bsk-(?!test)(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/ },
  { id: 'aws-access-key', pattern: /\bAKIA[0-9A-Z]{16}\b/ },
  { id: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { id: 'github-token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { id: 'pem-private-key', pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/ },
];

/** Findings name the file, line and kind, never the secret itself. */
export function checkNoSecrets(docs: readonly MarkdownDoc[]): string[] {
  const findings: string[] = [];
  for (const doc of docs) {
    doc.text.split('\n').forEach((line, index) => {
      for (const { id, pattern } of SECRET_SHAPES)
        if (pattern.test(line)) findings.push(`${doc.path}:${index + 1}: looks like a real ${id}`);
    });
  }
  return findings;
}
