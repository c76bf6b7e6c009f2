import { LANES } from '../catalog-schema.ts';
import { STATES, type EvidenceState } from '../evidence/outcome.ts';
import type { GapReport, ItemResult } from '../report-model.ts';
import { formatFigures, formatLocations, STATE_LABELS } from './format.ts';

const HEADINGS: Readonly<Record<EvidenceState, string>> = {
  covered: 'Covered',
  failing: 'Failing',
  'not-run': 'Not run',
  stale: 'Stale',
  remaining: 'Remaining',
};

function evidenceLine(item: ItemResult): string {
  const parts = item.evidence
    .filter((outcome) => outcome.locations.length > 0)
    .map((outcome) => {
      const figures = formatFigures(outcome.figures);
      return `${formatLocations(outcome)}${figures === '' ? '' : ` — ${figures}`}`;
    });
  return parts.length === 0 ? '' : ` Evidence: ${parts.join('; ')}.`;
}

function itemLine(item: ItemResult): string {
  const release = item.requiredForRelease ? ' **[release]**' : '';
  const why = item.state === 'covered' || item.reason === undefined ? '' : ` Why: ${item.reason}.`;
  const install = item.install === undefined ? '' : ` Install: \`${item.install}\`.`;
  return `    - \`${item.id}\`${release} ${item.description}${evidenceLine(item)}${why}${install} (owner: ${item.owner})`;
}

/** `reports/gaps/latest.md`, in the shape of the seed report it replaces. */
export function renderMarkdown(report: GapReport): string {
  const lines: string[] = ['# Coverage Gaps Report', '', `Date: ${report.date}`, ''];
  lines.push('## Current Snapshot', '');
  lines.push(`- Generated: ${report.generatedAt} from commit \`${report.gitSha}\``);
  lines.push(
    `- Tool versions: ${report.toolVersions.map((tool) => `${tool.tool} ${tool.installed} (pinned ${tool.pinned})`).join(', ')}`,
  );
  lines.push('- Scope assessed:');
  for (const workspace of [...new Set(report.lanes.map((lane) => lane.workspace))]) {
    const lanes = report.lanes.filter((lane) => lane.workspace === workspace).map((lane) => lane.lane);
    lines.push(`  - ${workspace} (${lanes.join(', ')})`);
  }
  if (report.lanes.length === 0) lines.push('  - no lane has written evidence yet: run `pnpm quality:quick`');
  lines.push('- Commands executed:');
  for (const lane of report.lanes) {
    const counts =
      lane.executed === undefined ? '' : `, ${lane.executed} executed, ${lane.failed ?? 0} failed`;
    const reason = lane.reason === undefined ? '' : ` — ${lane.reason}`;
    const install = lane.install === undefined ? '' : ` (install: \`${lane.install}\`)`;
    lines.push(
      `  - \`${lane.command}\` in ${lane.workspace} (${lane.lane} lane): ${lane.status.replace('-', ' ')}${counts}, started ${lane.startedAt}, ${(lane.durationMs / 1000).toFixed(1)} s${reason}${install}`,
    );
  }
  lines.push(
    `- Items: ${STATES.map((state) => `${report.totals[state]} ${STATE_LABELS[state]}`).join(', ')}`,
  );
  lines.push('', '## Gap Matrix', '');
  for (const lane of LANES) {
    const items = report.items.filter((item) => item.lane === lane);
    lines.push(`- ${lane}:`);
    if (items.length === 0) lines.push('  - No catalog items.');
    for (const state of ['covered', 'failing', 'not-run', 'stale', 'remaining'] as const) {
      const inState = items.filter((item) => item.state === state);
      if (inState.length === 0) continue;
      lines.push(`  - ${HEADINGS[state]}:`);
      for (const item of inState) lines.push(itemLine(item));
    }
  }
  const blocking = report.items.filter((item) => item.requiredForRelease && item.state !== 'covered');
  lines.push('', '## Close-out Owner', '');
  lines.push(`- Owner: ${report.closeOut.owner}`);
  lines.push(`- Required before release: ${report.closeOut.rule}`);
  lines.push(
    blocking.length === 0
      ? '- Release gate (`pnpm quality:release`): every required-for-release item is covered.'
      : `- Release gate (\`pnpm quality:release\`): ${blocking.length} required-for-release item(s) not covered: ${blocking.map((item) => `\`${item.id}\` (${STATE_LABELS[item.state]}, owner ${item.owner})`).join(', ')}.`,
  );
  lines.push('');
  return lines.join('\n');
}
