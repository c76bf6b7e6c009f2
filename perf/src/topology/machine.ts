/** Which machine a run measured: stored with a baseline, because ratios only compare on the same hardware. */
import { availableParallelism, cpus, totalmem } from 'node:os';

export function machineFingerprint(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memGiB = Math.round(totalmem() / 2 ** 30);
  return `${availableParallelism()} × ${model}, ${memGiB} GiB, node ${process.version}`;
}
