/**
 * Emits `count` deltas, the first at once and then one every `intervalMs`, on one interval timer per stream
 * (Node keeps timers of equal duration in one list, so 1,000 streams stay cheap). The first delta is not
 * delayed: time to first token then measures the path, not the pacing.
 */
export function pace(
  count: number,
  intervalMs: number,
  emit: (seq: number) => void,
  done: () => void,
): () => void {
  let seq = 0;
  emit(seq++);
  if (seq >= count) {
    done();
    return () => undefined;
  }
  const timer = setInterval(() => {
    emit(seq++);
    if (seq >= count) {
      clearInterval(timer);
      done();
    }
  }, intervalMs);
  return () => clearInterval(timer);
}
