import { randomPart, RUN_LENGTH } from '../derived-forms.ts';

/**
 * The first RUN_LENGTH-character run of `secret`'s random part found in `text`: the leak test every sink must
 * pass (the scrub censors any such run, so none may survive).
 */
export function survivingRun(text: string, secret: string): string | undefined {
  const random = randomPart(secret);
  for (let start = 0; start + RUN_LENGTH <= random.length; start += 1) {
    const run = random.slice(start, start + RUN_LENGTH);
    if (text.includes(run)) return run;
  }
  return undefined;
}
