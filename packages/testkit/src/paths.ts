import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The monorepo root: the nearest folder above `from` that holds pnpm-workspace.yaml. */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
}

/** Where a lane of the package in `packageDir` writes its machine-readable results. */
export function laneReportsDir(lane: string, packageDir: string = process.cwd()): string {
  return process.env['SY_REPORTS_DIR'] ?? join(packageDir, 'reports', lane);
}
