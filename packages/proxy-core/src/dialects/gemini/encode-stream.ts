import type { CanonicalStreamEvent } from '../../canonical/stream-event.ts';
import { ZERO_USAGE, type Usage } from '../../canonical/usage.ts';
import { errorBody } from '../../http/api-error.ts';
import { geminiFinishReasonName } from '../../providers/gemini/finish-reason.ts';
import { geminiUsageMetadata } from '../../providers/gemini/usage.ts';
import type { OutboundEvent, StreamEncoder } from '../../streaming/outbound.ts';
import { candidate, type GeminiEnvelope } from './encode-response.ts';
import { PartWriter, type GeminiOutPart } from './parts.ts';

interface OpenCall {
  index: number;
  id: string;
  name: string;
  arguments: string;
}

/**
 * `streamGenerateContent`: every chunk is a whole `GenerateContentResponse`, text sent as it arrives. Gemini sends
 * a function call whole, so a call's argument deltas are held until the call is complete (the next event of
 * another kind). The last chunk carries `finishReason` and `usageMetadata`; Gemini has no terminal event, the
 * stream's end is the end. A failure is a chunk holding Google's `{error}`, as Gemini sends it.
 */
export class GenerateContentStreamEncoder implements StreamEncoder {
  private readonly envelope: GeminiEnvelope;
  private readonly writer: PartWriter;
  private open: OpenCall | undefined;
  private usage: Usage = ZERO_USAGE;

  constructor(envelope: GeminiEnvelope, includeThoughts: boolean) {
    this.envelope = envelope;
    this.writer = new PartWriter(includeThoughts);
  }

  encode(event: CanonicalStreamEvent): readonly OutboundEvent[] {
    if (event.type === 'tool_call_delta' && this.open?.index === event.index) {
      this.open.arguments += event.argumentsDelta;
      return [];
    }
    const pending = this.closeCall();
    switch (event.type) {
      case 'start':
      case 'tool_call_delta':
        return this.chunk(pending);
      case 'text_delta':
        return this.chunk([...pending, ...this.writer.text(event.text)]);
      case 'reasoning_delta':
        return this.chunk([...pending, ...this.writer.reasoning(event.text)]);
      case 'reasoning_signature':
        return this.chunk([...pending, ...this.writer.reasoning('', event.signature, event.issuer)]);
      case 'tool_call_start':
        this.open = { index: event.index, id: event.id, name: event.name, arguments: '' };
        return this.chunk(pending);
      case 'native_item_event':
        // Another API's item (a hosted tool's call): this client never asked for it (field-policy.md).
        return [];
      case 'usage':
        this.usage = event.usage;
        return this.chunk(pending);
      case 'finish':
        this.usage = event.usage;
        return [
          {
            data: {
              candidates: [candidate(pending, geminiFinishReasonName(event.reason))],
              usageMetadata: geminiUsageMetadata(this.usage),
              ...this.ids(),
            },
          },
        ];
      case 'error':
        return [...this.chunk(pending), { data: errorBody('gemini', event.error) }];
    }
  }

  private closeCall(): GeminiOutPart[] {
    const call = this.open;
    if (call === undefined) return [];
    this.open = undefined;
    return this.writer.functionCall(call);
  }

  private chunk(parts: readonly GeminiOutPart[]): OutboundEvent[] {
    if (parts.length === 0) return [];
    return [{ data: { candidates: [candidate(parts)], ...this.ids() } }];
  }

  private ids(): Record<string, string> {
    return { modelVersion: this.envelope.modelVersion, responseId: this.envelope.responseId };
  }
}
