/**
 * A refused upload still gets its answer. Fastify answers 413 as soon as Content-Length (or the bytes read
 * so far) exceeds the body limit, and asks for `connection: close`; node then closes the socket right after
 * the 413 while the client is still sending, and the client sees EPIPE or ECONNRESET instead of the answer
 * (measured: 3 of 15 fetch uploads, 2 of 10 openai-SDK calls).
 *
 * Instead the connection stays open and the rest of the body is read and discarded, up to a bound: past
 * `maxBytes` more bytes the socket is cut, because draining is bandwidth the server pays for. Node's
 * `requestTimeout` bounds the drain in time, since the request is not complete until the body ends.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Uploads up to this many times the body limit are drained so their client reads the 413. */
export const DRAIN_FACTOR = 4;

export function drainRefusedUpload(request: FastifyRequest, reply: FastifyReply, maxBytes: number): void {
  const raw = request.raw;
  if (raw.complete) return;
  reply.removeHeader('connection');
  let drained = 0;
  const onData = (chunk: Buffer): void => {
    drained += chunk.length;
    if (drained > maxBytes) raw.socket.destroy();
  };
  raw.on('data', onData);
  raw.once('end', () => raw.off('data', onData));
  raw.once('close', () => raw.off('data', onData));
  raw.resume();
}
