import { describe, expect, it } from 'vitest';
import { normaliseCapability, SUPPORTED_CAPABILITY_LABELS } from './capability.ts';

describe('normaliseCapability', () => {
  it.each([
    [undefined, ''],
    ['', ''],
    ['   ', ''],
    ['continue', 'continue'],
    ['CONTINUE', 'continue'],
    ['resume', 'resume'],
    [' Resume\t', 'resume'],
    ['ask', 'continue'],
    ['exec', 'continue'],
    ['ExEc', 'continue'],
    ['max', 'continue'],
    ['  MAX  ', 'continue'],
    ['\nask\n', 'continue'],
  ])('accepts %j as %j', (raw, expected) => {
    expect(normaliseCapability(raw)).toEqual({ ok: true, capability: expected });
  });

  it.each([
    ['pause', 'pause'],
    ['  PAUSE ', 'pause'],
    ['continue!', 'continue!'],
    ['con tinue', 'con tinue'],
    ['constructor', 'constructor'],
    ['__proto__', '__proto__'],
    ['toString', 'tostring'],
  ])('rejects %j, echoing the normalised label %j and listing the supported ones', (raw, echoed) => {
    const result = normaliseCapability(raw);
    expect(result).toEqual({
      ok: false,
      rejection: {
        code: 'unsupported_capability',
        capability: echoed,
        supported: ['continue', 'resume', 'ask', 'exec', 'max'],
        message: expect.stringContaining('continue, resume, ask, exec, or max'),
      },
    });
  });

  it('names every supported label in the rejection message', () => {
    const result = normaliseCapability('nope');
    if (result.ok) throw new Error('expected a rejection');
    for (const label of SUPPORTED_CAPABILITY_LABELS) expect(result.rejection.message).toContain(label);
  });

  it('accepts every label it advertises as supported', () => {
    for (const label of SUPPORTED_CAPABILITY_LABELS) expect(normaliseCapability(label).ok).toBe(true);
  });
});
