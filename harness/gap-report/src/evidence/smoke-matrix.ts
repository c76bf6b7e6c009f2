import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { outcome, vacuous, type Evaluation } from './outcome.ts';

/** The provider smoke matrix written by harness/contracts: one case per provider (and auth mode). */
const smokeMatrixSchema = z.object({
  cases: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['passed', 'failed', 'skipped', 'not-run']),
      reason: z.string().optional(),
    }),
  ),
});

export function evaluateSmokeCase(root: string, selector: string, file: string, caseId: string): Evaluation {
  const path = join(root, file);
  if (!existsSync(path)) return outcome(selector, 'remaining', { reason: `no smoke matrix at ${file} yet` });
  const parsed = smokeMatrixSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) return vacuous(selector, `${file} is not a smoke matrix ({cases: [{id, status}]})`);
  const found = parsed.data.cases.find((entry) => entry.id === caseId);
  if (found === undefined) return vacuous(selector, `${file} has no case ${caseId}`);
  const locations = [{ where: file, name: found.id, status: found.status }];
  if (found.status === 'passed') return outcome(selector, 'covered', { locations });
  if (found.status === 'failed')
    return outcome(selector, 'failing', { locations, reason: found.reason ?? 'case failed' });
  return outcome(selector, 'not-run', { locations, reason: found.reason ?? `case ${found.status}` });
}
