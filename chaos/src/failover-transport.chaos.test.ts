/**
 * chaos:failover-transport — the catalogue's transport faults through the real toxiproxy instead of the fault
 * upstream's own sockets: the built proxy reaches its `deepseek` upstream across a toxiproxy hop (the `kimi`
 * fallback directly), and each toxic is judged by the same checker as S05 (reset), S06 (silence), S08 (cut after
 * N bytes) and S10 (SSE sliced into 1–5 byte pieces: must stay the exact answer).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltProxy, type BuiltProxy } from '@switchyard/testkit/built-proxy';
import { laneReportsDir } from '@switchyard/testkit/paths';
import { freePort } from '@switchyard/testkit/ports';
import { startFaultUpstream, type FaultUpstream } from './failover/fault-upstream.ts';
import { INGRESSES, send, type Ingress } from './failover/ingress-client.ts';
import { FALLBACK_MODEL, LANE_DEADLINES, PRIMARY_TEXT, type ScenarioId } from './failover/scenarios.ts';
import { check, HANG_BOUND_MS, type Checked } from './failover/verdicts.ts';
import { startToxiproxy, type ToxiproxyHandle } from '@switchyard/testkit/toxiproxy';

interface ToxicBody {
  readonly type: 'reset_peer' | 'timeout' | 'limit_data' | 'slicer';
  readonly attributes: Record<string, number>;
}

const TOXICS: readonly { readonly scenario: ScenarioId; readonly what: string; readonly toxic: ToxicBody }[] =
  [
    {
      scenario: 's05',
      what: 'reset_peer (TCP RST on the answer)',
      toxic: { type: 'reset_peer', attributes: { timeout: 0 } },
    },
    {
      scenario: 's06',
      what: 'timeout 0 (the answer never arrives)',
      toxic: { type: 'timeout', attributes: { timeout: 0 } },
    },
    {
      scenario: 's08',
      what: 'limit_data 600 bytes (cut mid-answer)',
      toxic: { type: 'limit_data', attributes: { bytes: 600 } },
    },
    {
      scenario: 's10',
      what: 'slicer (1–5 byte TCP pieces)',
      toxic: { type: 'slicer', attributes: { average_size: 3, size_variation: 2, delay: 0 } },
    },
  ];

interface Judged extends Checked {
  readonly label: string;
  readonly scenario: ScenarioId;
  readonly fallback: boolean;
  readonly text: string;
}

let upstream: FaultUpstream | undefined;
let toxiproxy: ToxiproxyHandle | undefined;
let proxy: BuiltProxy | undefined;
let dataDir = '';
const judged: Judged[] = [];

const model = (fallback: boolean): string => `deepseek/deepseek-tx-${fallback ? 'fb' : 'nofb'}`;

async function judge(
  scenario: ScenarioId,
  ingress: Ingress,
  stream: boolean,
  fallback: boolean,
): Promise<Judged> {
  const run = `tx-${scenario}-${ingress}-${stream ? 's' : 'n'}-${fallback ? 'f' : 'p'}`;
  const seen = await send(
    proxy?.url ?? '',
    ingress,
    model(fallback),
    `Answer please. run=${run}`,
    stream,
    HANG_BOUND_MS + 3_000,
  );
  const attempts = upstream?.attemptsOf(run) ?? [];
  const checked = check({
    scenario,
    ingress,
    stream,
    fallback,
    seen: [seen],
    sentAt: [0],
    primary: attempts.filter((attempt) => attempt.provider === 'deepseek'),
    fallbackAttempts: attempts.filter((attempt) => attempt.provider === 'kimi'),
  });
  return {
    ...checked,
    label: `${scenario} ${ingress} ${stream ? 'SSE' : 'JSON'} ${fallback ? 'fallback' : 'no fallback'}`,
    scenario,
    fallback,
    text: seen.text,
  };
}

beforeAll(async () => {
  upstream = await startFaultUpstream();
  toxiproxy = await startToxiproxy();
  const listen = await freePort();
  const hop = await toxiproxy.client.createProxy({
    name: 'proxy_to_fault_upstream',
    listen: `127.0.0.1:${listen}`,
    upstream: new URL(upstream.baseUrls.deepseek).host,
  });
  dataDir = mkdtempSync(join(tmpdir(), 'sy-chaos-transport-'));
  proxy = await startBuiltProxy({
    config: {
      logging: { level: 'silent' },
      controlPlane: { dataDir },
      modelPlane: {
        providers: {
          deepseek: {
            enabled: true,
            keys: ['fault-upstream-key'],
            baseUrl: `http://127.0.0.1:${listen}/deepseek/v1`,
          },
          kimi: { enabled: true, keys: ['fallback-upstream-key'], baseUrl: upstream.baseUrls.kimi },
        },
        deadlines: LANE_DEADLINES,
        // Every test here judges its own transport fault on the same primary: a circuit opened by the previous
        // fault would hide this one behind the fallback (circuits are proven by the catalogue's S15).
        circuit: { failureThreshold: 100, openMs: 1 },
        heartbeatIntervalMs: 0,
        routes: { [model(true)]: [model(true), `kimi/${FALLBACK_MODEL}`] },
      },
    },
    env: { PATH: process.env['PATH'] },
  });
  // One toxic at a time (a toxic hits every connection of the hop); every ingress, mode and configuration at once.
  for (const { scenario, toxic } of TOXICS) {
    const added = await hop.addToxic({
      name: scenario,
      type: toxic.type,
      stream: 'downstream',
      toxicity: 1,
      attributes: toxic.attributes,
    });
    const plans = INGRESSES.flatMap((ingress) =>
      [true, false].flatMap((stream) => [false, true].map((fallback) => ({ ingress, stream, fallback }))),
    );
    judged.push(
      ...(await Promise.all(plans.map((plan) => judge(scenario, plan.ingress, plan.stream, plan.fallback)))),
    );
    await added.remove();
  }
  const reports = laneReportsDir('chaos', join(import.meta.dirname, '..'));
  mkdirSync(reports, { recursive: true });
  const toxics = TOXICS.map(({ scenario, what }) => ({ scenario, what }));
  const runs = judged.map(({ text, ...run }) => ({ ...run, textLength: text.length }));
  writeFileSync(
    join(reports, 'failover-transport.json'),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), toxics, runs }, null, 2)}\n`,
  );
}, 90_000);

afterAll(async () => {
  await proxy?.stop();
  await toxiproxy?.stop();
  await upstream?.close();
  if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
});

describe('chaos:failover-transport — reset, silence, cut and slicing through the real toxiproxy, built proxy, every ingress', () => {
  it('zero "fail" verdicts: no hang and no truncated success under any toxic, with or without a fallback', () => {
    expect(judged).toHaveLength(TOXICS.length * 12);
    expect(
      judged.filter((run) => run.verdict === 'fail').map((run) => `${run.label}: ${run.figure}`),
    ).toEqual([]);
  });

  it('with a fallback: a reset (S05) and a silent upstream (S06) are served by the fallback, exactly, in every ingress and mode', () => {
    const lines = judged
      .filter((run) => (run.scenario === 's05' || run.scenario === 's06') && run.fallback)
      .map((run) => `${run.label} → ${run.verdict} (${run.figure})`);
    expect(lines).toHaveLength(12);
    expect(lines).toEqual(lines.map((line) => line.replace(/→ \w+ \(/, '→ pass (')));
  });

  it('without a fallback: a persistent reset or silence is a clean error (safe); a cut (S08) passes as a clean error or a rescue', () => {
    const lines = judged
      .filter((run) => !run.fallback && run.scenario !== 's10')
      .map((run) => `${run.label} → ${run.verdict} (${run.figure})`);
    const expected = lines.map((line) =>
      line.replace(/→ \w+ \(/, line.startsWith('s08') ? '→ pass (' : '→ safe ('),
    );
    expect(lines).toEqual(expected);
  });

  it('slicing the answer into 1–5 byte pieces (S10 transport) changes nothing: the exact primary answer everywhere', () => {
    const sliced = judged.filter((run) => run.scenario === 's10');
    expect(sliced.map((run) => `${run.label}: ${run.text === PRIMARY_TEXT ? 'exact' : run.figure}`)).toEqual(
      sliced.map((run) => `${run.label}: exact`),
    );
  });
});
