/**
 * Round order of interleaved sides: round r runs the sides rotated by r, so every side goes first, second,
 * … equally often and drift over the run hits all of them alike. With two sides this is the plain
 * alternation (direct, proxy), (proxy, direct), ….
 */
export function rotated<T>(sides: readonly T[], round: number): T[] {
  if (sides.length === 0) return [];
  const shift = round % sides.length;
  return [...sides.slice(shift), ...sides.slice(0, shift)];
}
