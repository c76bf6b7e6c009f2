import { newId } from '../../canonical/ids.ts';
import { answeringModel, type CanonicalResponse } from '../../canonical/response.ts';
import { withNativeItems } from '../../canonical/native-items.ts';
import {
  clientNameOf,
  clientToolNames,
  itemJson,
  responseObject,
  statusFor,
  type OutputItem,
  type ResponsesEnvelope,
} from './response-object.ts';

export function outputItemsOf(response: CanonicalResponse, envelope: ResponsesEnvelope): OutputItem[] {
  const names = clientToolNames(envelope.body);
  const items = response.output.map((part): OutputItem => {
    if (part.type === 'text') {
      const cited = part.citations === undefined ? {} : { citations: part.citations };
      return { kind: 'message', id: newId('msg_'), text: part.text, ...cited };
    }
    if (part.type === 'reasoning') {
      const signed = part.signature === undefined ? {} : { signature: part.signature };
      const issued = part.issuer === undefined ? {} : { issuer: part.issuer };
      return { kind: 'reasoning', id: newId('rs_'), text: part.text, ...signed, ...issued };
    }
    return {
      kind: 'function_call',
      id: newId('fc_'),
      callId: part.id,
      name: part.name,
      client: clientNameOf(names, part.name),
      arguments: part.arguments,
    };
  });
  // The upstream's hosted-tool items (web_search_call, …) in their places among the proxy's own items.
  return withNativeItems(items, response.nativeItems, 'openai-responses', (native) => ({
    kind: 'native',
    id: typeof native.item['id'] === 'string' ? native.item['id'] : `native_${native.at}`,
    json: native.item,
  }));
}

/** A `response` object for a non-streamed request. */
export function encodeResponsesResponse(
  response: CanonicalResponse,
  envelope: ResponsesEnvelope,
): Record<string, unknown> {
  const model = answeringModel(envelope.model, response.metadata);
  return responseObject(
    { ...envelope, model },
    {
      status: statusFor(response.finishReason),
      output: outputItemsOf(response, envelope).map((item) => itemJson(item, 'completed')),
      usage: response.usage,
      finishReason: response.finishReason,
    },
  );
}
