import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MarkdownDoc } from './markdown.ts';

export const ONBOARDING_DOC = 'docs/onboarding.md';

/** Every root script must have a row in the onboarding command matrix, named as `pnpm <script>`. */
export function checkCommandMatrix(root: string, docs: readonly MarkdownDoc[]): string[] {
  const onboarding = docs.find((doc) => doc.path === ONBOARDING_DOC);
  if (onboarding === undefined) return [`${ONBOARDING_DOC} is missing`];
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts?: Record<string, unknown>;
  };
  return Object.keys(manifest.scripts ?? {})
    .filter((script) => !onboarding.text.includes(`\`pnpm ${script}\``))
    .map((script) => `${ONBOARDING_DOC}: root script \`pnpm ${script}\` has no row in the command matrix`);
}
