import type { ValidatedThinking } from './types.ts';

/** Whether a validated setting asks the model to think (`none` and a zero budget do not). */
export function thinks(setting: ValidatedThinking | undefined): boolean {
  if (setting === undefined || setting.mode === 'none') return false;
  return !(setting.mode === 'budget' && setting.budget === 0);
}
