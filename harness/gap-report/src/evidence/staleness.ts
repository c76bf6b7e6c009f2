import { statSync } from 'node:fs';
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
