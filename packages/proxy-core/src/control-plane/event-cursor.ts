/**
 * Where an `/events` replay starts. `Last-Event-ID` wins over `?since=`: a browser's EventSource reconnects
 * to the same URL (still carrying the original `since`) and adds the header with what it has really seen.
 */
import type { FastifyRequest } from 'fastify';
import { catalogued } from '../errors/catalogue.ts';
import { ApiError } from '../http/api-error.ts';

const EVENT_ID = /^\d{1,15}$/;

function invalid(source: string): ApiError {
  return new ApiError({
    ...catalogued('invalid_event_id'),
    param: source,
    message: `${source} must be an event id (a non-negative whole number) as sent in the stream's "id:" lines`,
  });
}

/** The id after which to replay; undefined when the client gave none (the whole retained log is sent). */
export function replayCursor(request: FastifyRequest): number | undefined {
  const header = request.headers['last-event-id'];
  const query = request.query as Readonly<Record<string, unknown>> | undefined;
  const since = query?.['since'];
  const [source, raw] =
    header !== undefined ? ['Last-Event-ID', header] : since !== undefined ? ['since', since] : [];
  if (source === undefined) return undefined;
  if (typeof raw !== 'string' || !EVENT_ID.test(raw.trim())) throw invalid(source);
  return Number(raw.trim());
}
