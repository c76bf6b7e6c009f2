export type * from './content.ts';
export type * from './request.ts';
export type * from './usage.ts';
export type * from './finish-reason.ts';
export type * from './stream-event.ts';
export { isTerminal, isContent } from './stream-event.ts';
export { ResponseAccumulator, type CanonicalResponse } from './response.ts';
export { totalTokens, ZERO_USAGE } from './usage.ts';
export { textOf } from './content.ts';
