import { parseArgs } from 'node:util';
import { aliasCases, cheapestCases, parseCases, type SmokeCase } from './cases.ts';

export interface SmokeArgs {
  /** Undefined: start the offline proxy (mock upstream) or, with `live`, a proxy on real upstreams. */
  readonly baseUrl: string | undefined;
  readonly timeoutMs: number;
  readonly cases: readonly SmokeCase[];
  readonly live: boolean;
  readonly apiKey: string | undefined;
  /** Report file name under reports/smoke-matrix/. */
  readonly name: string;
}

export const USAGE =
  'usage: node src/smoke-matrix/cli.ts [--base-url URL] [--timeout-ms N] [--cases provider:model,...] [--cheapest] [--live] [--api-key K] [--name NAME]\n' +
  '       env: SMOKE_BASE_URL, SMOKE_TIMEOUT_MS, SMOKE_CASES, SMOKE_API_KEY';

/** Flags win over the environment; `--cheapest` ignores `--cases`. */
export function parseSmokeArgs(argv: readonly string[], env: NodeJS.ProcessEnv): SmokeArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'base-url': { type: 'string' },
      'timeout-ms': { type: 'string' },
      cases: { type: 'string' },
      cheapest: { type: 'boolean', default: false },
      live: { type: 'boolean', default: false },
      'api-key': { type: 'string' },
      name: { type: 'string' },
    },
    strict: true,
  });
  const timeoutText = values['timeout-ms'] ?? env['SMOKE_TIMEOUT_MS'] ?? '15000';
  const timeoutMs = Number(timeoutText);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    throw new Error(`--timeout-ms: "${timeoutText}" is not a positive integer`);
  const caseList = values.cases ?? env['SMOKE_CASES'];
  const cases = values.cheapest ? cheapestCases() : caseList ? parseCases(caseList) : aliasCases();
  if (cases.length === 0) throw new Error('no cases: pass --cases provider:model,... or --cheapest');
  const baseUrl = (values['base-url'] ?? env['SMOKE_BASE_URL'])?.replace(/\/+$/, '');
  const prefix = values.live ? 'live-' : '';
  return {
    baseUrl: baseUrl === '' ? undefined : baseUrl,
    timeoutMs,
    cases,
    live: values.live,
    apiKey: values['api-key'] ?? env['SMOKE_API_KEY'],
    name: values.name ?? `${prefix}${values.cheapest ? 'cheapest' : 'aliases'}`,
  };
}
