import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface MarkdownDoc {
  /** Repo-relative path, e.g. `docs/onboarding.md`. */
  readonly path: string;
  readonly text: string;
}

export interface FencedBlock {
  readonly lang: string;
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

/** README.md and every docs/*.md (the documents a newcomer reads). */
export function readDocs(root: string): MarkdownDoc[] {
  const paths = ['README.md'];
  const docsDir = join(root, 'docs');
  if (existsSync(docsDir)) {
    for (const name of readdirSync(docsDir).sort()) if (name.endsWith('.md')) paths.push(`docs/${name}`);
  }
  return paths
    .filter((path) => existsSync(join(root, path)))
    .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

/** Fenced code blocks (``` or ~~~) with their info-string language, lower-cased. */
export function fencedBlocks(text: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = text.split('\n');
  let open: { fence: string; lang: string; line: number; body: string[] } | undefined;
  lines.forEach((line, index) => {
    const fence = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
    if (open === undefined) {
      if (fence?.[1] !== undefined)
        open = { fence: fence[1], lang: (fence[2] ?? '').toLowerCase(), line: index + 1, body: [] };
      return;
    }
    if (fence?.[1] !== undefined && fence[1].startsWith(open.fence) && (fence[2] ?? '') === '') {
      blocks.push({ lang: open.lang, code: open.body.join('\n'), line: open.line });
      open = undefined;
      return;
    }
    open.body.push(line);
  });
  return blocks;
}

/** Every line outside fenced code blocks, with its 1-based line number: where prose, spans and links live. */
export function proseLines(text: string): { readonly text: string; readonly line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let inFence = false;
  text.split('\n').forEach((line, index) => {
    if (/^\s*(`{3,}|~{3,})/.test(line)) {
      inFence = !inFence;
      return;
    }
    if (!inFence) lines.push({ text: line, line: index + 1 });
  });
  return lines;
}

/** Inline code spans and shell-like fenced blocks: where a document names a command. */
export function commandTexts(text: string): { readonly code: string; readonly line: number }[] {
  const found: { code: string; line: number }[] = [];
  const shellLangs = new Set(['', 'sh', 'bash', 'shell', 'console', 'text']);
  for (const block of fencedBlocks(text)) {
    if (!shellLangs.has(block.lang)) continue;
    block.code
      .split('\n')
      .forEach((line, offset) => found.push({ code: line, line: block.line + 1 + offset }));
  }
  for (const { text: line, line: number } of proseLines(text)) {
    for (const span of line.matchAll(/`([^`]+)`/g))
      if (span[1] !== undefined) found.push({ code: span[1], line: number });
  }
  return found;
}
