import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type Freshness = { readonly stale: false } | { readonly stale: true; readonly reason: string };

/**
 * Evidence is stale when the file it exercises changed on disk after the lane started.
 *
 * Why the file's mtime and not its last commit time: committing does not change what ran, so a
 * commit must not turn passing evidence stale (turbo restores cached lane reports with their old
 * startedAt after a commit), while an edit, a checkout or a rebase that rewrites the file does
 * change it, and all of those update the mtime. A fresh clone has no reports, so it cannot
 * produce false "covered" either. A test file that no longer exists is stale too: the evidence
 * is for code that is gone.
 */
export function freshness(root: string, repoRelativeFile: string, laneStartedAt: string): Freshness {
  let modified: Date;
  try {
    modified = statSync(join(root, repoRelativeFile)).mtime;
  } catch {
    return { stale: true, reason: `${repoRelativeFile} no longer exists` };
  }
  const started = new Date(laneStartedAt);
  if (modified.getTime() > started.getTime()) {
    return {
      stale: true,
      reason: `${repoRelativeFile} changed at ${modified.toISOString()}, after the lane ran at ${started.toISOString()}`,
    };
  }
  return { stale: false };
}

/** Test-file suffixes; what precedes one names the module the test is about (`model-call.test.ts`). */
const TEST_SUFFIX = /\.(?:[a-z0-9-]+\.)?test\.ts$/;

/**
 * The module a test file is named after, when it exists: `src/x/model-call.test.ts` → `src/x/model-call.ts`,
 * `src/a.e2e.test.ts` → `src/a.ts`. Its change after the run makes the evidence stale like the test's own.
 */
export function subjectOf(root: string, repoRelativeTest: string): string | undefined {
  if (!TEST_SUFFIX.test(repoRelativeTest)) return undefined;
  const subject = repoRelativeTest.replace(TEST_SUFFIX, '.ts');
  return existsSync(join(root, subject)) ? subject : undefined;
}

/** Files under a repo-relative path (itself when it is a file), skipping node_modules, reports and dist. */
export function filesUnder(root: string, repoRelativePath: string): string[] {
  const full = join(root, repoRelativePath);
  let entries;
  try {
    if (!statSync(full).isDirectory()) return [repoRelativePath];
    entries = readdirSync(full, { withFileTypes: true });
  } catch {
    return [repoRelativePath];
  }
  return entries.flatMap((entry) => {
    if (['node_modules', 'reports', 'dist'].includes(entry.name) || entry.name.startsWith('.')) return [];
    const child = `${repoRelativePath.replace(/\/$/, '')}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(root, child) : [child];
  });
}

/** The first of `paths` (files, or every file under a folder) that is newer than the run, as Freshness. */
export function freshnessOf(root: string, paths: readonly string[], laneStartedAt: string): Freshness {
  for (const path of paths) {
    for (const file of filesUnder(root, path)) {
      const fresh = freshness(root, file, laneStartedAt);
      if (fresh.stale) return fresh;
    }
  }
  return { stale: false };
}
