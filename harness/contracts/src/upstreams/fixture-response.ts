import { HttpResponse } from 'msw';
import { UpstreamConnectionReset, type FixtureResponse } from '@switchyard/provider-fixtures';

/**
 * Turns a fixture answer into an MSW response. Streams become a pull-driven ReadableStream (MSW's
 * `sse()` helper is GET-only), so frames reach the client paced as the fixture yields them.
 */
export function toHttpResponse(answer: FixtureResponse, onCancel: () => void): Response {
  const init = { status: answer.status, headers: answer.headers };
  if (typeof answer.body === 'string') return new HttpResponse(answer.body, init);
  return new HttpResponse(toByteStream(answer.body, onCancel), init);
}

function toByteStream(body: AsyncIterable<string>, onCancel: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const frames = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await frames.next();
        if (next.done === true) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        if (error instanceof UpstreamConnectionReset) {
          // A `stream-reset` scenario: MSW destroys the mocked socket as soon as the body errors, so
          // yield to the event loop first to let the frames already enqueued reach the client.
          await new Promise((resolve) => setImmediate(resolve));
          controller.error(new TypeError('terminated', { cause: error }));
        } else {
          controller.error(error);
        }
      }
    },
    async cancel() {
      onCancel();
      await frames.return?.();
    },
  });
}
