import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DocsCheckName, Selector } from '../catalog-schema.ts';
import { evaluateCoverage } from './coverage-summary.ts';
import { judgeMatches, matchTests, resolveLane, type LaneLookup } from './lane-evidence.ts';
import { outcome, type Evaluation } from './outcome.ts';
import { evaluateSmokeCase } from './smoke-matrix.ts';
import { workspaceRelative } from './test-paths.ts';

export interface EvidenceContext extends LaneLookup {
  /** Findings of one release-lint check on the current tree (empty = the check passes). */
  readonly docsCheck: (check: DocsCheckName) => readonly string[];
}

/** How a selector reads in the report. */
export function describeSelector(selector: Selector): string {
  switch (selector.kind) {
    case 'test':
      return `test ${selector.workspace}/${selector.file} /${selector.name}/ (${selector.lane})`;
    case 'k6-threshold':
      return `k6 ${selector.scenario} ${selector.metric} ${selector.threshold}`;
    case 'chaos-scenario':
      return `chaos scenario ${selector.scenario}`;
    case 'smoke-matrix':
      return `smoke matrix ${selector.workspace}/reports/${selector.lane}/smoke-matrix/${selector.matrix}.json case ${selector.case}`;
    case 'coverage':
      return `coverage ${selector.workspace} ${selector.metric} >= ${selector.min}%`;
    case 'docs-check':
      return `docs check ${selector.check}`;
  }
}

function isScenarioTest(scenario: string, fullName: string): boolean {
  return fullName.startsWith(scenario) && !/[a-z0-9-]/.test(fullName.charAt(scenario.length));
}

export function evaluateSelector(context: EvidenceContext, selector: Selector): Evaluation {
  const label = describeSelector(selector);
  switch (selector.kind) {
    case 'docs-check': {
      const findings = context.docsCheck(selector.check);
      const where = {
        where: `release-lint ${selector.check}`,
        name: selector.check,
        status: findings.length === 0 ? 'passed' : 'failed',
      };
      return findings.length === 0
        ? outcome(label, 'covered', { locations: [where] })
        : outcome(label, 'failing', {
            locations: [where],
            reason: `${findings.length} finding(s): ${findings.slice(0, 3).join('; ')}`,
          });
    }
    default:
      break;
  }
  const resolved = resolveLane(context, label, selector.workspace, selector.lane);
  if ('evaluation' in resolved) return resolved.evaluation;
  const { report, results } = resolved;
  switch (selector.kind) {
    case 'test': {
      const pattern = new RegExp(selector.name, 'u');
      const ran = results.testResults.some(
        (file) => workspaceRelative(context.root, report.workspace, file.name) === selector.file,
      );
      // A filtered run (`vitest run some.test.ts`) leaves other files out: that is "not run", not a vacuous
      // selector — unless the file does not exist at all, which is a catalog error.
      if (!ran && existsSync(join(context.root, selector.workspace, selector.file))) {
        return outcome(label, 'not-run', {
          lane: `${report.workspace}#${report.lane}`,
          startedAt: report.verdict.startedAt,
          reason: `the last ${report.lane} run of ${report.workspace} did not include ${selector.file} (a filtered run?)`,
        });
      }
      return judgeMatches(
        context,
        label,
        report,
        matchTests(
          context.root,
          report,
          results,
          (file, test) => file === selector.file && pattern.test(test.fullName),
        ),
      );
    }
    case 'k6-threshold': {
      const title = `${selector.metric} ${selector.threshold}`;
      return judgeMatches(
        context,
        label,
        report,
        matchTests(
          context.root,
          report,
          results,
          (_file, test) => test.ancestorTitles[0] === selector.scenario && test.title === title,
        ),
      );
    }
    case 'chaos-scenario':
      return judgeMatches(
        context,
        label,
        report,
        matchTests(context.root, report, results, (_file, test) =>
          isScenarioTest(selector.scenario, test.fullName),
        ),
      );
    case 'smoke-matrix':
      return evaluateSmokeCase(context, label, report, selector.matrix, selector.case);
    case 'coverage':
      return evaluateCoverage(context, label, report, selector.metric, selector.min);
  }
}
