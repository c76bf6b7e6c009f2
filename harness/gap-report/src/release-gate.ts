import type { GapReport } from './report-model.ts';
import { STATE_LABELS } from './render/format.ts';

/** Every required-for-release item that is not covered, with why: the lines `--release` prints. */
export function releaseBlockers(report: GapReport): string[] {
  return report.items
    .filter((item) => item.requiredForRelease && item.state !== 'covered')
    .map((item) => {
      const why = item.reason ?? 'no passing evidence';
      const install = item.install === undefined ? '' : ` (install: ${item.install})`;
      return `${item.id} [${item.lane}] ${STATE_LABELS[item.state]}: ${why}${install} — owner ${item.owner}`;
    });
}
