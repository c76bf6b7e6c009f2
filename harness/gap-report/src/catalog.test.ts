import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog, parseCatalog } from './catalog.ts';
import { LANES } from './catalog-schema.ts';

const CATALOG = join(import.meta.dirname, '..', 'catalog.yaml');

function catalogWith(itemYaml: string): string {
  return `version: 1\nclose-out: {owner: lead, rule: all covered}\nitems:\n${itemYaml}`;
}

const VALID_ITEM = `  - id: unit.a
    lane: Unit
    description: a valid fixture item
    owner: me
    required-for-release: true
    origin: switchyard
`;

describe('catalog', () => {
  it('validates the real catalog.yaml and covers every lane', () => {
    const catalog = loadCatalog(CATALOG);
    for (const lane of LANES)
      expect(
        catalog.items.some((entry) => entry.lane === lane),
        lane,
      ).toBe(true);
  });

  it('keeps every item of the seed report, done and remaining, restated for Switchyard', () => {
    const ids = new Set(loadCatalog(CATALOG).items.map((entry) => entry.id));
    const seed = [
      'unit.route-lifecycle',
      'unit.startup-smoke-endpoints',
      'unit.request-execution-metadata',
      'unit.control-plane-endpoints',
      'unit.command-label-aliases',
      'unit.message-idempotency-replay',
      'unit.idempotency-negative',
      'unit.quality-gates-wired',
      'unit.release-lint',
      'unit.thinking-level-rebound',
      'unit.thinking-budget-clamp',
      'unit.thinking-strict-out-of-range',
      'unit.thinking-auto-mode',
      'unit.route-namespace-matrix',
      'integration.provider-smoke-matrix',
      'integration.cheapest-six-providers',
      'integration.cheapest-ci-job',
      'integration.provider-auth-modes',
      'integration.models-namespace',
      'integration.metrics-providers-shape',
      'integration.control-plane-replay-windows',
      'integration.live-provider-smoke',
      'integration.session-continuity-restart',
      'e2e.agent-parity',
      'e2e.live-process-routes',
      'e2e.message-lifecycle',
      'chaos.ws-drop-reconnect',
      'chaos.upstream-timeout',
      'perf.responses-fanout',
      'security.token-leak',
      'security.origin-downgrade',
      'docs.command-matrix',
      'docs.cheapest-matrix-evidence-links',
    ];
    expect(seed.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('names the sources every test-backed item proves, so its evidence goes stale when that code changes', () => {
    const testBacked = loadCatalog(CATALOG).items.filter((entry) =>
      entry.evidence.some((selector) => selector.kind === 'test' || selector.kind === 'chaos-scenario'),
    );
    expect(testBacked.length).toBeGreaterThan(100);
    expect(testBacked.filter((entry) => (entry.sources ?? []).length === 0).map((entry) => entry.id)).toEqual(
      [],
    );
  });

  it('accepts a minimal valid catalog', () => {
    expect(parseCatalog(catalogWith(VALID_ITEM)).items[0]?.evidence).toEqual([]);
  });

  it.each([
    ['a duplicate id', VALID_ITEM + VALID_ITEM, 'duplicate item id unit.a'],
    [
      'an id that does not match its lane',
      VALID_ITEM.replace('lane: Unit', 'lane: Perf'),
      'must start with "perf."',
    ],
    ['an unknown lane', VALID_ITEM.replace('lane: Unit', 'lane: Smoke'), 'items.0.lane'],
    [
      'an unknown selector kind',
      `${VALID_ITEM}    evidence: [{kind: junit-tag, tag: x}]\n`,
      'items.0.evidence.0.kind',
    ],
    [
      'a test selector with a broken pattern',
      `${VALID_ITEM}    evidence: [{kind: test, workspace: perf, lane: unit, file: a.test.ts, name: '(unclosed'}]\n`,
      'not a valid regular expression',
    ],
    [
      'a missing required-for-release flag',
      VALID_ITEM.replace('    required-for-release: true\n', ''),
      'required-for-release',
    ],
  ])('rejects %s, naming where', (_case, text, expected) => {
    expect(() => parseCatalog(catalogWith(text))).toThrow(CatalogError);
    expect(() => parseCatalog(catalogWith(text))).toThrow(expected);
  });
});
