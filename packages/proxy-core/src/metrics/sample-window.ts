/**
 * The latest N samples of a measurement, for percentiles that follow current behaviour rather than
 * the whole life of the process. A fixed ring buffer: O(1) per record, bounded memory.
 */
export class SampleWindow {
  readonly #samples: Float64Array;
  #next = 0;
  #size = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
    this.#samples = new Float64Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  add(value: number): void {
    this.#samples[this.#next] = value;
    this.#next = (this.#next + 1) % this.#samples.length;
    this.#size = Math.min(this.#size + 1, this.#samples.length);
  }

  /** Nearest-rank percentile (p in 0..100); null when there are no samples. */
  percentile(p: number): number | null {
    if (this.#size === 0) return null;
    const sorted = this.#samples.slice(0, this.#size).sort();
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1] ?? null;
  }
}
