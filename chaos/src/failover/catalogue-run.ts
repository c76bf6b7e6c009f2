/**
 * Runs the S01–S16 catalogue against the BUILT proxy process: every scenario × ingress × streamed/not, at once
 * (each run has its own upstream model name, so no run's state or key cooldown touches another's), then an
 * alive probe. One proxy per configuration: without a fallback, or with `modelPlane.routes` sending every
 * scenario model on to the healthy `kimi` upstream.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startBuiltProxy } from '@switchyard/testkit/built-proxy';
import type { FaultUpstream } from './fault-upstream.ts';
import { INGRESSES, send, type Ingress, type Seen } from './ingress-client.ts';
import {
  FALLBACK_MODEL,
  HEALTHY_PRIMARY_MODEL,
  LANE_CIRCUIT,
  LANE_DEADLINES,
  PRIMARY_TEXT,
  SCALED,
  SCENARIO_IDS,
  primaryModel,
  type ScenarioId,
} from './scenarios.ts';
import { check, HANG_BOUND_MS, type Checked, type RunFacts } from './verdicts.ts';

export interface RunResult extends Checked {
  readonly scenario: ScenarioId;
  readonly ingress: Ingress;
  readonly stream: boolean;
  readonly fallback: boolean;
  readonly primaryAttempts: number;
  readonly fallbackAttempts: number;
  readonly seen: readonly Seen[];
}

export interface ConfigurationResult {
  readonly fallback: boolean;
  readonly runs: readonly RunResult[];
  /** The healthy answer after every fault, and the process still running. */
  readonly aliveAfter: boolean;
  /**
   * Another model of the same provider (same single key), asked while every S01 model's key is cooling down
   * after its `Retry-After: 2`: how long it took, and whether it got the exact answer.
   */
  readonly otherModelDuringCooldown: {
    readonly ms: number;
    readonly exact: boolean;
    readonly cooling: number;
  };
  readonly wallMs: number;
}

interface Plan {
  readonly scenario: ScenarioId;
  readonly ingress: Ingress;
  readonly stream: boolean;
  readonly key: string;
}

function plans(fallback: boolean): Plan[] {
  return SCENARIO_IDS.flatMap((scenario) =>
    INGRESSES.flatMap((ingress) =>
      [true, false].map((stream) => ({
        scenario,
        ingress,
        stream,
        key: `${ingress[0] ?? ''}${stream ? 's' : 'n'}${fallback ? 'f' : 'p'}`,
      })),
    ),
  );
}

function config(upstream: FaultUpstream, fallback: boolean, dataDir: string): Record<string, unknown> {
  const routes = fallback
    ? Object.fromEntries(
        plans(true).map((plan) => {
          const model = `deepseek/${primaryModel(plan.scenario, plan.key)}`;
          return [model, [model, `kimi/${FALLBACK_MODEL}`]];
        }),
      )
    : {};
  return {
    logging: { level: 'silent' },
    controlPlane: { dataDir },
    modelPlane: {
      providers: {
        deepseek: { enabled: true, keys: ['fault-upstream-key'], baseUrl: upstream.baseUrls.deepseek },
        kimi: { enabled: true, keys: ['fallback-upstream-key'], baseUrl: upstream.baseUrls.kimi },
      },
      deadlines: LANE_DEADLINES,
      circuit: LANE_CIRCUIT,
      heartbeatIntervalMs: 0,
      routes,
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function runOne(
  url: string,
  upstream: FaultUpstream,
  plan: Plan,
  fallback: boolean,
): Promise<RunResult> {
  const model = `deepseek/${primaryModel(plan.scenario, plan.key)}`;
  const prompt = `Answer please. run=${plan.scenario}-${plan.key}`;
  const requests = plan.scenario === 's15' ? SCALED.requests : 1;
  const sentAt: number[] = [];
  const pending: Promise<Seen>[] = [];
  for (let index = 0; index < requests; index += 1) {
    if (index > 0) await sleep(SCALED.requestEveryMs);
    sentAt.push(performance.now());
    pending.push(send(url, plan.ingress, model, prompt, plan.stream, HANG_BOUND_MS + 3_000));
  }
  const seen = await Promise.all(pending);
  const attempts = upstream.attemptsOf(`${plan.scenario}-${plan.key}`);
  const facts: RunFacts = {
    scenario: plan.scenario,
    ingress: plan.ingress,
    stream: plan.stream,
    fallback,
    seen,
    sentAt,
    primary: attempts.filter((attempt) => attempt.provider === 'deepseek'),
    fallbackAttempts: attempts.filter((attempt) => attempt.provider === 'kimi'),
  };
  return {
    ...check(facts),
    scenario: plan.scenario,
    ingress: plan.ingress,
    stream: plan.stream,
    fallback,
    primaryAttempts: facts.primary.length,
    fallbackAttempts: facts.fallbackAttempts.length,
    seen,
  };
}

/** Starts the built proxy for one configuration, runs every scenario against it, probes it, stops it. */
export async function runConfiguration(
  upstream: FaultUpstream,
  fallback: boolean,
): Promise<ConfigurationResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sy-chaos-catalogue-'));
  const proxy = await startBuiltProxy({
    config: config(upstream, fallback, dataDir),
    env: { PATH: process.env['PATH'] },
  });
  const started = performance.now();
  try {
    const all = Promise.all(plans(fallback).map((plan) => runOne(proxy.url, upstream, plan, fallback)));
    // 0.5 s in, every S01 run has had its 429 and waits out its 2 s: its key is cooling for those models only.
    await sleep(500);
    const sentAt = performance.now();
    const other = await send(
      proxy.url,
      'chat',
      `deepseek/${HEALTHY_PRIMARY_MODEL}`,
      'other model? run=cooldown',
      false,
      5_000,
    );
    const cooling = upstream.attempts.filter(
      (attempt) => /^deepseek-s01-/.test(attempt.model) && attempt.at < sentAt && sentAt - attempt.at < 2_000,
    ).length;
    const runs = await all;
    const probes = await Promise.all(
      INGRESSES.map((ingress) =>
        send(proxy.url, ingress, `deepseek/${HEALTHY_PRIMARY_MODEL}`, 'alive? run=probe', true, 5_000),
      ),
    );
    const aliveAfter =
      proxy.service.child.exitCode === null &&
      probes.every((seen) => seen.outcome === 'success' && seen.text === PRIMARY_TEXT);
    return {
      fallback,
      runs,
      aliveAfter,
      otherModelDuringCooldown: {
        ms: other.ms,
        exact: other.outcome === 'success' && other.text === PRIMARY_TEXT,
        cooling,
      },
      wallMs: Math.round(performance.now() - started),
    };
  } finally {
    await proxy.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
