import { answeringModel, reasoningPart } from '../../canonical/response.ts';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { ZERO_USAGE, type Usage } from '../../canonical/usage.ts';
import { errorBody } from '../../http/api-error.ts';
import { geminiFinishReasonName } from '../../providers/gemini/finish-reason.ts';
import { geminiUsageMetadata } from '../../providers/gemini/usage.ts';
import type { OutboundEvent, StreamEncoder } from '../../streaming/outbound.ts';
import { candidate, type GeminiEnvelope } from './encode-response.ts';
import { PartWriter, type GeminiOutPart } from './parts.ts';

/**
 * `streamGenerateContent`: every chunk is a whole `GenerateContentResponse`, text sent as it arrives. Gemini sends
 * a function call whole: it is built from the canonical `tool-call` (the input's deltas are not sent) and rides on
 * the next chunk, so the calls that end an answer arrive with its `finishReason`, as Gemini sends them. The last
 * chunk carries `finishReason` and `usageMetadata`; Gemini has no terminal event, the stream's end is the end. A
 * failure is a chunk holding Google's `{error}`, as Gemini sends it.
 */
export class GenerateContentStreamEncoder implements StreamEncoder {
  private envelope: GeminiEnvelope;
  private readonly writer: PartWriter;
  private usage: Usage = ZERO_USAGE;
  /** Function calls not yet sent: they go out with the next chunk. */
  private pending: GeminiOutPart[] = [];

  constructor(envelope: GeminiEnvelope, includeThoughts: boolean) {
    this.envelope = envelope;
    this.writer = new PartWriter(includeThoughts);
  }

  encode(part: StreamPart): readonly OutboundEvent[] {
    switch (part.type) {
      case 'response-metadata':
        // Every chunk names the model that really answered (nothing was sent before the metadata).
        this.envelope = {
          ...this.envelope,
          modelVersion: answeringModel(this.envelope.modelVersion, part),
        };
        return [];
      case 'text-delta':
        return this.chunk(this.writer.text(part.delta));
      case 'reasoning-delta':
        return this.chunk(this.writer.reasoning(part.delta));
      case 'reasoning-end': {
        const proof = reasoningPart('', part.metadata);
        return proof.signature === undefined
          ? []
          : this.chunk(this.writer.reasoning('', proof.signature, proof.issuer));
      }
      case 'tool-call':
        this.pending.push(
          ...this.writer.functionCall({ id: part.toolCallId, name: part.toolName, arguments: part.input }),
        );
        return [];
      case 'usage':
        this.usage = part.usage;
        return [];
      case 'finish':
        this.usage = part.usage;
        return [
          {
            data: {
              candidates: [candidate(this.takePending(), geminiFinishReasonName(part.reason))],
              usageMetadata: geminiUsageMetadata(this.usage),
              ...this.ids(),
            },
          },
        ];
      case 'error':
        return [...this.chunk([]), { data: errorBody('gemini', part.error) }];
      default:
        return [];
    }
  }

  private chunk(parts: readonly GeminiOutPart[]): OutboundEvent[] {
    const all = [...this.takePending(), ...parts];
    if (all.length === 0) return [];
    return [{ data: { candidates: [candidate(all)], ...this.ids() } }];
  }

  private takePending(): GeminiOutPart[] {
    const pending = this.pending;
    this.pending = [];
    return pending;
  }

  private ids(): Record<string, string> {
    return { modelVersion: this.envelope.modelVersion, responseId: this.envelope.responseId };
  }
}
