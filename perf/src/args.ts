/** Command-line flags of the perf runner (after `pnpm test:perf --`). */
import { MODES, type PerfMode } from './modes.ts';

/**
 * `keep`: only compare with the stored baseline. `update`: replace this machine's baseline with this run's
 * ratios. `widen`: raise each stored ratio to this run's when higher — run it a few times to calibrate the
 * machine's run-to-run noise into the baseline, so the +10 %/+15 % gates catch regressions, not jitter.
 */
export type BaselineAction = 'keep' | 'update' | 'widen';

export interface PerfArgs {
  readonly mode: PerfMode;
  readonly baseline: BaselineAction;
  /** `--peers`: also install (on demand) and measure Portkey and LiteLLM side by side. */
  readonly peers: boolean;
}

const FLAGS = ['--full', '--update-baseline', '--widen-baseline', '--peers'];

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): PerfArgs {
  // pnpm passes the `--` of `pnpm test:perf -- --full` through; it separates, it is not a flag.
  const unknown = argv.filter((arg) => arg !== '--' && !FLAGS.includes(arg));
  if (unknown.length > 0)
    throw new Error(`unknown perf flag(s): ${unknown.join(' ')} (known: ${FLAGS.join(', ')})`);
  const full = argv.includes('--full') || env['PERF_MODE'] === 'full';
  const baseline: BaselineAction = argv.includes('--update-baseline')
    ? 'update'
    : argv.includes('--widen-baseline')
      ? 'widen'
      : 'keep';
  return { mode: full ? MODES.full : MODES.ci, baseline, peers: argv.includes('--peers') };
}
