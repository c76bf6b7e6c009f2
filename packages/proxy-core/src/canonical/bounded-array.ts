/**
 * An array schema that stops at the first bad item. `z.array(item)` validates every item and keeps every
 * issue, and a union item keeps the issues of every branch: a 0.6 MB body of 200,000 `{}` input items made
 * zod build millions of issues (seconds of blocked event loop, ~800 MB per request) only for the decoder to
 * report the first one. Here the work on a bad array ends at its first bad item, and at most
 * `MAX_ITEM_ISSUES` of that item's issues are kept.
 */
import { z } from 'zod';

/** Issues of the first bad item carried into the error; the decoder reports the first of them. */
export const MAX_ITEM_ISSUES = 4;

export interface BoundedArrayOptions {
  /** Fewest items accepted (`z.array().min`). */
  readonly min?: number;
  /** Most items accepted (`z.array().max`); the server's `server.limits.maxArrayLength` applies first. */
  readonly max?: number;
}

export function boundedArray<Item extends z.ZodType>(item: Item, options: BoundedArrayOptions = {}) {
  let items = z.array(z.unknown());
  if (options.min !== undefined) items = items.min(options.min);
  if (options.max !== undefined) items = items.max(options.max);
  return items.transform((values, context): z.output<Item>[] => {
    const parsed: z.output<Item>[] = [];
    for (const [index, value] of values.entries()) {
      const result = item.safeParse(value);
      if (!result.success) {
        for (const issue of result.error.issues.slice(0, MAX_ITEM_ISSUES)) {
          context.issues.push({
            code: 'custom',
            message: issue.message,
            path: [index, ...issue.path],
            input: value,
            // The value is an array, so this branch is the one to report when the array sits in a union
            // (`string | array`): zod reports the only branch whose issues are not type mismatches.
            continue: true,
          });
        }
        return z.NEVER;
      }
      parsed.push(result.data);
    }
    return parsed;
  });
}
