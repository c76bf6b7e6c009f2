/**
 * CPU pinning: on a machine with at least two CPUs and `taskset`, the proxy runs alone on CPU 1 and the
 * mock upstream and load generator share CPU 0, so the load never steals the proxy's core and every figure
 * says what it was measured on. Elsewhere the processes run unpinned, and the report says so.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';

export interface Pinning {
  /** taskset CPU list for the proxy (or peer gateway) under test; undefined = unpinned. */
  readonly proxy: string | undefined;
  /** taskset CPU list for the mock upstream and every load generator. */
  readonly load: string | undefined;
  /** One line for reports, e.g. "proxy alone on CPU 1; upstream + load generator on CPU 0 (2 CPUs)". */
  readonly description: string;
}

function hasTaskset(): boolean {
  return spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
}

export function planPinning(): Pinning {
  const count = availableParallelism();
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  if (count >= 2 && hasTaskset()) {
    return {
      proxy: '1',
      load: '0',
      description: `proxy alone on CPU 1; upstream + load generator on CPU 0 (${count} × ${model})`,
    };
  }
  return {
    proxy: undefined,
    load: undefined,
    description: `unpinned (${count} × ${model}; no taskset or < 2 CPUs)`,
  };
}

/** The command and arguments that run `command args` on `cpuList` (unchanged when unpinned). */
export function pinnedCommand(
  cpuList: string | undefined,
  command: string,
  args: readonly string[],
): [string, string[]] {
  return cpuList === undefined ? [command, [...args]] : ['taskset', ['-c', cpuList, command, ...args]];
}
