import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { proseLines, type MarkdownDoc } from './markdown.ts';
import { ONBOARDING_DOC } from './command-matrix.ts';

export interface MarkdownLink {
  /** The link target without its `#anchor`, e.g. `../harness/gap-report/README.md`. */
  readonly target: string;
  /** 1-based line of the link. */
  readonly line: number;
}

/** Inline links `[text](target)` outside fenced code, whose target is a path in this repository. */
export function relativeLinks(text: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const { text: line, line: number } of proseLines(text)) {
    for (const match of line.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const raw = match[1] ?? '';
      // Absolute URLs and mail links are the url-hosts check's business; a bare `#anchor` stays in the file.
      if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('#')) continue;
      links.push({ target: raw.replace(/#.*$/, ''), line: number });
    }
  }
  return links;
}

/** The repo-relative path a document's link points at (links resolve against the document's folder). */
export function linkPath(doc: MarkdownDoc, link: MarkdownLink): string {
  return normalize(join(dirname(doc.path), decodeURIComponent(link.target)));
}

/** Every relative link in README.md and docs/*.md must point at a file or folder that exists. */
export function checkLinksResolve(root: string, docs: readonly MarkdownDoc[]): string[] {
  return docs.flatMap((doc) =>
    relativeLinks(doc.text)
      .filter((link) => !existsSync(join(root, linkPath(doc, link))))
      .map((link) => `${doc.path}:${link.line}: link target ${link.target} does not exist`),
  );
}

/** What the onboarding guide's cheapest-provider matrix section must link to, as evidence a reader can open. */
export const CHEAPEST_MATRIX_EVIDENCE: readonly { readonly what: string; readonly path: RegExp }[] = [
  { what: 'the smoke-matrix contract test', path: /^harness\/contracts\/src\/.+\.contract\.test\.ts$/ },
  { what: 'the smoke-matrix command-line runner', path: /^harness\/contracts\/src\/smoke-matrix\/cli\.ts$/ },
  { what: 'the CI workflow that runs the cheapest matrix', path: /^\.github\/workflows\/[^/]+\.ya?ml$/ },
  { what: 'the coverage catalog', path: /^harness\/gap-report\/catalog\.yaml$/ },
];

/**
 * docs/onboarding.md has a section whose heading names the cheapest-provider matrix, and in it links — that
 * resolve — to the test, the runner, the CI job's workflow and the catalog items that prove the matrix.
 */
export function checkCheapestMatrixLinks(root: string, docs: readonly MarkdownDoc[]): string[] {
  const onboarding = docs.find((doc) => doc.path === ONBOARDING_DOC);
  if (onboarding === undefined) return [`${ONBOARDING_DOC} is missing`];
  const lines = onboarding.text.split('\n');
  const start = lines.findIndex((line) => /^#{2,}\s.*cheapest/i.test(line));
  if (start === -1) return [`${ONBOARDING_DOC}: no section heading names the cheapest-provider matrix`];
  const level = /^#+/.exec(lines[start] ?? '')?.[0].length ?? 2;
  const after = lines.slice(start + 1).findIndex((line) => new RegExp(`^#{1,${level}}\\s`).test(line));
  const section = lines.slice(start, after === -1 ? undefined : start + 1 + after).join('\n');
  const links = relativeLinks(section).map((link) => ({
    link: { ...link, line: link.line + start },
    path: linkPath(onboarding, link),
  }));
  const broken = links
    .filter(({ path }) => !existsSync(join(root, path)))
    .map(({ link }) => `${ONBOARDING_DOC}:${link.line}: link target ${link.target} does not exist`);
  const missing = CHEAPEST_MATRIX_EVIDENCE.filter(
    (evidence) => !links.some(({ path }) => evidence.path.test(path) && existsSync(join(root, path))),
  ).map(
    (evidence) =>
      `${ONBOARDING_DOC}:${start + 1}: the cheapest-provider matrix section has no link to ${evidence.what}`,
  );
  return [...broken, ...missing];
}
