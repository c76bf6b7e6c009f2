import type { CanonicalRequest } from '../../canonical/request.ts';
import { lastUserText } from './mock-scenario.ts';

/** The deterministic answer text, cut into `count` deltas of `size` characters. */
export function answerDeltas(request: CanonicalRequest, count: number, size: number): string[] {
  const prompt = lastUserText(request).replace(/\s+/g, ' ').trim().slice(0, 64);
  const seed = `Mock answer to "${prompt}". `;
  const text = seed.repeat(Math.ceil((count * size) / seed.length)).slice(0, count * size);
  const deltas: string[] = [];
  for (let i = 0; i < count; i += 1) deltas.push(text.slice(i * size, (i + 1) * size));
  return deltas;
}

/** Roughly four characters per token, at least one: stable numbers tests can predict. */
export function promptTokens(request: CanonicalRequest): number {
  let chars = request.system.reduce((sum, part) => sum + part.text.length, 0);
  for (const message of request.messages) {
    for (const part of message.content) {
      if (part.type === 'text' || part.type === 'reasoning') chars += part.text.length;
      else if (part.type === 'tool_call') chars += part.arguments.length;
      else if (part.type === 'tool_result') chars += JSON.stringify(part.content).length;
    }
  }
  return Math.max(1, Math.ceil(chars / 4));
}
