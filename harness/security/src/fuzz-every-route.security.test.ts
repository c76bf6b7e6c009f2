import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCanary } from './canaries.ts';
import { fuzzCase, requestsIn, type FuzzCase } from './fuzz-cases.ts';
import { runCase, type FuzzTarget } from './fuzz-client.ts';
import { startHealthzProbe, type HealthzFigures } from './healthz-probe.ts';
import { startProxyProcess, type ProxyProcess } from './proxy-process.ts';

/**
 * Property-based fuzzing of the built proxy, as a real process: ≥ 10,000 generated requests over every POST
 * route and the Responses WebSocket, 8 in flight, against the mock provider. Replay a run with
 * SWITCHYARD_FUZZ_SEED=<seed printed below>; SWITCHYARD_FUZZ_RUNS sets the number of requests.
 */
const TARGET_REQUESTS = Number(process.env['SWITCHYARD_FUZZ_RUNS'] ?? 10_000);
const SEED = Number(process.env['SWITCHYARD_FUZZ_SEED'] ?? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0);
const IN_FLIGHT = 8;
// As many as the run itself: V8 reaches its heap high-water within about that many hostile requests (measured:
// 10,000 and 30,000 requests both ended at ~283 MiB), so a leak shows as growth past it, a plateau does not.
const WARM_UP_REQUESTS = TARGET_REQUESTS;
const TIME_LIMIT_MS = 75_000;
const SHRINK_LIMIT_MS = 20_000;
const HEALTHZ_P99_BOUND_MS = 250;
const RSS_GROWTH_BOUND = 1.5;

function describeCase(fuzz: FuzzCase): string {
  if (fuzz.kind === 'ws') {
    return `WS frames ${fuzz.frames.map((frame) => (frame.text ?? `<${frame.bytes?.length ?? 0} bytes>`).slice(0, 200)).join(' | ')}`;
  }
  const body = fuzz.rawBody === undefined ? fuzz.body.slice(0, 300) : `<${fuzz.rawBody.length} raw bytes>`;
  return `POST ${fuzz.route} auth=${fuzz.auth} content-type=${String(fuzz.contentType)} idempotency-key=${String(fuzz.idempotencyKey?.slice(0, 40))} body(${fuzz.body.length})=${body}`;
}

describe('security: fuzz-every-route — generated hostile requests against the built proxy process', () => {
  const clientKey = makeCanary('fuzz').value;
  let proxy: ProxyProcess;
  let sent = 0;
  let failure: string | undefined;
  let elapsedMs = 0;
  let rssIdleKiB = 0;
  let rssBeforeKiB = 0;
  let rssAfterKiB = 0;
  let healthz: HealthzFigures;

  beforeAll(async () => {
    proxy = await startProxyProcess({
      config: {
        server: { host: '127.0.0.1', bodyLimitBytes: 256 * 1024 },
        auth: { keys: [{ id: 'fuzz-client', key: clientKey }] },
        logging: { level: 'warn' },
        modelPlane: { providers: { mock: { chunkCount: 4, chunkIntervalMs: 0 } } },
      },
    });
    const target: FuzzTarget = { url: proxy.url, clientKey };
    console.log(`[fuzz] seed=${SEED} requests=${TARGET_REQUESTS} (replay: SWITCHYARD_FUZZ_SEED=${SEED})`);

    // Warm-up (not counted), with the same hostile traffic at the same concurrency: lazy initialisation, JIT and
    // V8's heap high-water (V8 keeps the pages a burst made it reserve) must not count as growth. What the check
    // then proves is that memory does not grow with the number of hostile requests — no leak, a plateau.
    rssIdleKiB = proxy.rssKiB();
    const warmUp = fc.sample(fuzzCase, { seed: SEED ^ 0x5eed, numRuns: WARM_UP_REQUESTS });
    for (let index = 0; index < warmUp.length; index += IN_FLIGHT)
      await Promise.all(warmUp.slice(index, index + IN_FLIGHT).map((fuzz) => runCase(target, fuzz)));
    rssBeforeKiB = proxy.rssKiB();

    // Phase 1, the load: every batch runs, violations are recorded, not thrown, so the /healthz and RSS
    // figures always describe the whole run.
    const batches = fc.array(fuzzCase, { minLength: IN_FLIGHT, maxLength: IN_FLIGHT });
    const judge = async (batch: readonly FuzzCase[]) => {
      const verdicts = await Promise.all(batch.map((fuzz) => runCase(target, fuzz)));
      const bad = verdicts.findIndex((verdict) => verdict !== undefined);
      const badCase = batch[bad];
      return {
        batch,
        violation: badCase === undefined ? undefined : `${verdicts[bad]}\n  for ${describeCase(badCase)}`,
      };
    };
    let run = 0;
    const violatingRuns: number[] = [];
    // What the first violation was, as seen under load: a replay may not reproduce it (a race, a timing).
    let firstSeen: string | undefined;
    const probe = startHealthzProbe(proxy.url);
    const started = performance.now();
    try {
      await fc.assert(
        fc.asyncProperty(batches, async (batch) => {
          const current = run++;
          const judged = await judge(batch);
          sent += batch.reduce((sum, fuzz) => sum + requestsIn(fuzz), 0);
          if (judged.violation !== undefined) {
            violatingRuns.push(current);
            firstSeen ??= judged.violation;
          }
        }),
        {
          seed: SEED,
          numRuns: Math.ceil(TARGET_REQUESTS / IN_FLIGHT),
          plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_MS, { failOnInterrupt: true })],
        },
      );
    } catch (error) {
      failure = `the load did not finish: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    }
    elapsedMs = performance.now() - started;
    healthz = await probe.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    rssAfterKiB = proxy.alive() ? proxy.rssKiB() : Number.NaN;

    // Phase 2, only after a violation: replay the first violating run (seed + path) and let fast-check shrink it.
    const firstBad = violatingRuns[0];
    if (firstBad !== undefined) {
      let smallest: string | undefined;
      try {
        await fc.assert(
          fc.asyncProperty(batches, async (batch) => {
            const judged = await judge(batch);
            if (judged.violation !== undefined) {
              smallest = judged.violation;
              throw new Error(judged.violation);
            }
          }),
          { seed: SEED, path: String(firstBad), plugins: [fc.interruptAfterTimeLimit(SHRINK_LIMIT_MS)] },
        );
      } catch (error) {
        // fast-check's first lines carry the seed and the replay path; its counterexample can be megabytes.
        const header = (error instanceof Error ? error.message : String(error))
          .split('\n')
          .slice(0, 2)
          .join(' ');
        smallest = `${header.slice(0, 500)}\n  smallest violation: ${smallest ?? '?'}`;
      }
      failure = `${violatingRuns.length} of ${run} batches had a violation (first: run ${firstBad}). ${smallest ?? `not reproduced on replay; under load it was: ${firstSeen ?? '?'}`}`;
    }
    console.log(
      `[fuzz] seed=${SEED} sent=${sent} in ${(elapsedMs / 1000).toFixed(1)} s = ${Math.round(sent / (elapsedMs / 1000))} req/s; ` +
        `healthz p50 ${healthz.p50Ms} ms p99 ${healthz.p99Ms} ms max ${healthz.maxMs} ms (${healthz.samples} samples, ${healthz.failures} failed); ` +
        `RSS idle ${Math.round(rssIdleKiB / 1024)} MiB, after warm-up ${Math.round(rssBeforeKiB / 1024)} MiB → after the run ${Math.round(rssAfterKiB / 1024)} MiB`,
    );
  }, TIME_LIMIT_MS + 60_000);

  afterAll(async () => {
    await proxy?.stop();
    proxy?.remove();
  });

  it(`answers ≥ ${TARGET_REQUESTS} generated requests on every POST route and the Responses WebSocket with a 2xx (valid) or a 4xx in the route's error dialect, never a 5xx`, ({
    task,
  }) => {
    task.meta.requests_per_s = Math.round(sent / (elapsedMs / 1000));
    task.meta.fuzz_seed = SEED;
    expect(failure, `seed ${SEED}: ${failure ?? ''}`).toBeUndefined();
    expect(sent).toBeGreaterThanOrEqual(TARGET_REQUESTS);
  });

  it('the proxy process never exits and still answers /healthz after the run', async () => {
    expect(proxy.alive(), proxy.logs().toString('utf8').slice(-2_000)).toBe(true);
    const response = await fetch(`${proxy.url}/healthz`);
    expect(response.status).toBe(200);
  });

  it(`a concurrent /healthz poller's p99 stays under ${HEALTHZ_P99_BOUND_MS} ms during the run`, ({
    task,
  }) => {
    task.meta['p(99)'] = healthz.p99Ms;
    expect(healthz.samples).toBeGreaterThan(100);
    expect(healthz.failures).toBe(0);
    expect(healthz.p99Ms).toBeLessThan(HEALTHZ_P99_BOUND_MS);
  });

  it(`the proxy's RSS after the run is within ${RSS_GROWTH_BOUND}× of its RSS after a hostile warm-up (no growth with request count)`, ({
    task,
  }) => {
    task.meta.rss_idle_kib = rssIdleKiB;
    task.meta.rss_before_kib = rssBeforeKiB;
    task.meta.rss_after_kib = rssAfterKiB;
    expect(rssBeforeKiB).toBeGreaterThan(0);
    expect(rssAfterKiB).toBeLessThanOrEqual(rssBeforeKiB * RSS_GROWTH_BOUND);
  });
});
