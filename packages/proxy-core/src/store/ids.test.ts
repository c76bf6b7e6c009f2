import { describe, expect, it } from 'vitest';
import { newMessageId, newSessionId, newTurnId } from './ids.ts';

describe('ids', () => {
  it.each([
    ['session', newSessionId, /^cp_[0-9a-f-]{36}$/],
    ['message', newMessageId, /^msg_[0-9a-f-]{36}$/],
    ['turn', newTurnId, /^turn_[0-9a-f-]{36}$/],
  ])('makes unique %s ids in their documented format', (_kind, make, format) => {
    const ids = new Set(Array.from({ length: 100 }, make));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(format);
  });
});
