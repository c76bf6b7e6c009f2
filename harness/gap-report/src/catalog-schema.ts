import { z } from 'zod';

/** The lanes of the seed report; every catalog item belongs to exactly one. */
export const LANES = ['Unit', 'Integration', 'E2E', 'Chaos', 'Perf', 'Security', 'Docs'] as const;
export type Lane = (typeof LANES)[number];

/** Names of the release-lint checks (docs and CI wiring) a `docs-check` selector can point at. */
export const DOCS_CHECKS = [
  'commands-exist',
  'snippets-parse',
  'no-secrets',
  'url-hosts-approved',
  'command-matrix-complete',
  'links-resolve',
  'cheapest-matrix-evidence-links',
  'ci-runs-cheapest-smoke',
  'error-table-current',
] as const;
export type DocsCheckName = (typeof DOCS_CHECKS)[number];

const workspacePath = z
  .string()
  .regex(
    /^[a-z0-9._-]+(\/[a-z0-9._-]+)?$/,
    'a workspace folder relative to the repo root, e.g. packages/proxy-core',
  );

const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

/** Tests of one lane's results.json: file (relative to the workspace) + a full-name pattern. */
const testSelector = z.strictObject({
  kind: z.literal('test'),
  workspace: workspacePath,
  lane: z.string().min(1),
  file: z.string().min(1),
  name: regexSource,
});

/**
 * One threshold (metric + expression) of a perf scenario, read from the perf lane's results: a k6 threshold,
 * or a ratio gate of the perf runner (e.g. `latency_ratio p(99)<=baseline*1.10`), written in the same shape.
 */
const k6ThresholdSelector = z.strictObject({
  kind: z.literal('k6-threshold'),
  workspace: workspacePath.default('perf'),
  lane: z.string().min(1).default('perf'),
  scenario: z.string().min(1),
  metric: z.string().min(1),
  threshold: z.string().min(1),
});

/** Every test whose name starts with a chaos scenario id (e.g. `chaos:toolchain-latency`). */
const chaosScenarioSelector = z.strictObject({
  kind: z.literal('chaos-scenario'),
  workspace: workspacePath.default('chaos'),
  lane: z.string().min(1).default('chaos'),
  scenario: z.string().regex(/^chaos:[a-z0-9-]+$/, 'a chaos scenario id such as chaos:ws-drop'),
});

/**
 * One case of a provider smoke matrix (`{cases: [{id, status}]}`) that a lane wrote into its own report folder,
 * `<workspace>/reports/<lane>/smoke-matrix/<matrix>.json`: reset with the lane, judged with the lane's verdict and
 * freshness, and never a file a manual run can overwrite.
 */
const smokeMatrixSelector = z.strictObject({
  kind: z.literal('smoke-matrix'),
  workspace: workspacePath.default('harness/contracts'),
  lane: z.string().min(1).default('contracts'),
  matrix: z.string().regex(/^[a-z0-9-]+$/, 'a matrix name such as aliases or cheapest'),
  case: z.string().min(1),
});

/** A minimum percentage from an istanbul json-summary written by a lane with coverage. */
const coverageSelector = z.strictObject({
  kind: z.literal('coverage'),
  workspace: workspacePath,
  lane: z.string().min(1),
  metric: z.enum(['lines', 'statements', 'functions', 'branches']),
  min: z.number().min(0).max(100),
});

/** A release-lint check, evaluated by the generator itself on the current tree. */
const docsCheckSelector = z.strictObject({
  kind: z.literal('docs-check'),
  check: z.enum(DOCS_CHECKS),
});

export const selectorSchema = z.discriminatedUnion('kind', [
  testSelector,
  k6ThresholdSelector,
  chaosScenarioSelector,
  smokeMatrixSelector,
  coverageSelector,
  docsCheckSelector,
]);
export type Selector = z.infer<typeof selectorSchema>;

export const itemSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/, 'ids look like lane.short-name'),
  lane: z.enum(LANES),
  description: z.string().min(10),
  owner: z.string().min(1),
  'required-for-release': z.boolean(),
  /** Where the seed report had this item; absent for items Switchyard added. */
  origin: z.enum(['seed-done', 'seed-remaining', 'switchyard']),
  evidence: z.array(selectorSchema).default([]),
  /**
   * The source this item proves, repo-relative files or folders: its evidence is stale when any file there
   * changed after the lane ran (besides each matched test file and the module it is named after).
   */
  sources: z.array(z.string().min(1)).optional(),
});
export type CatalogItem = z.infer<typeof itemSchema>;

export const catalogSchema = z
  .strictObject({
    version: z.literal(1),
    'close-out': z.strictObject({ owner: z.string().min(1), rule: z.string().min(1) }),
    items: z.array(itemSchema).min(1),
  })
  .superRefine((catalog, context) => {
    const seen = new Set<string>();
    catalog.items.forEach((item, index) => {
      if (seen.has(item.id)) {
        context.addIssue({
          code: 'custom',
          message: `duplicate item id ${item.id}`,
          path: ['items', index, 'id'],
        });
      }
      seen.add(item.id);
      const prefix = item.id.split('.')[0];
      if (prefix !== item.lane.toLowerCase()) {
        context.addIssue({
          code: 'custom',
          message: `id ${item.id} must start with "${item.lane.toLowerCase()}." to match its lane`,
          path: ['items', index, 'id'],
        });
      }
    });
  });
export type Catalog = z.infer<typeof catalogSchema>;
