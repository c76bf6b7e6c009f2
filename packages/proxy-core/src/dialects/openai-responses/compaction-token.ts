/**
 * The `encrypted_content` of a `compaction` item Switchyard made itself (POST /v1/responses/compact through any
 * provider but OpenAI): the summary the routed model wrote, marked as the proxy's own. It is encoded, not
 * encrypted — it is the client's own conversation, and a forged one says no more than a user message could — so a
 * later request carrying the item turns back into readable text for whichever provider it is routed to. Any other
 * value is OpenAI's opaque compaction state, which only OpenAI can read (canonical CompactionPart).
 */
import { MARK } from './reasoning-token.ts';

const KIND = `${MARK}compaction.`;

export function sealCompaction(summary: string): string {
  return `${KIND}${Buffer.from(summary, 'utf8').toString('base64url')}`;
}

/** The summary inside a value `sealCompaction` made; undefined for any other value (OpenAI's own state). */
export function openCompaction(encryptedContent: string): string | undefined {
  if (!encryptedContent.startsWith(KIND)) return undefined;
  return Buffer.from(encryptedContent.slice(KIND.length), 'base64url').toString('utf8');
}

/** How a replayed summary reads to the model: it stands for the turns it replaced, before the user's next word. */
export function summaryText(summary: string): string {
  return `Summary of the earlier conversation (it replaces the turns it covers; the user's messages are kept above):\n\n${summary}`;
}
