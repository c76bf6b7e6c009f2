/**
 * Shapes of real credentials that must never appear in tracked files, logs or reports.
 * Test fixtures use obviously fake keys (e.g. `sk-test-…` is allowed only with the word "test").
 */
export interface SecretPattern {
  readonly id: string;
  readonly description: string;
  readonly pattern: RegExp;
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    id: 'openai-key',
    description: 'OpenAI API key',
    pattern: /\bsk-(?!test)(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/,
  },
  { id: 'aws-access-key', description: 'AWS access key id', pattern: /\bAKIA[0-9A-Z]{16}\b/ },
  { id: 'google-api-key', description: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { id: 'github-token', description: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  {
    id: 'pem-private-key',
    description: 'PEM private key',
    pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/,
  },
];

export interface SecretFinding {
  readonly file: string;
  readonly line: number;
  readonly patternId: string;
}

/** Finds secret-shaped text; the finding names the place and the kind, never the secret itself. */
export function findSecrets(file: string, text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  text.split('\n').forEach((line, index) => {
    for (const { id, pattern } of SECRET_PATTERNS) {
      if (pattern.test(line)) findings.push({ file, line: index + 1, patternId: id });
    }
  });
  return findings;
}
