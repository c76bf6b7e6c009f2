/** Reading a POST /message body: `{session_id?, message?, capability?, model?}`, all strings when present. */
import { normaliseCapability } from './capability.ts';
import { invalidPayload, resumeNeedsSessionId, unsupportedCapability } from './errors.ts';
import type { CapabilityLabel } from '../store/records.ts';

export interface MessageCommand {
  /** Trimmed; undefined when absent or blank (a new session is created). */
  readonly sessionId: string | undefined;
  /** Trimmed; empty when absent. */
  readonly message: string;
  readonly capability: CapabilityLabel;
  /** The model for a new session; ignored for an existing one (a session's model is fixed). */
  readonly model: string | undefined;
}

const FIELDS = ['session_id', 'message', 'capability', 'model'] as const;

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Throws ApiError: 400 for a malformed body or a `resume` with neither session_id nor message, 501 for an
 * unsupported capability label.
 */
export function readMessageCommand(body: unknown): MessageCommand {
  if (!isRecord(body)) throw invalidPayload('expected a JSON object like {"message":"…"}');
  const fields: Partial<Record<(typeof FIELDS)[number], string>> = {};
  for (const name of FIELDS) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw invalidPayload(`${name} must be a string`, name);
    fields[name] = value;
  }
  const normalised = normaliseCapability(fields.capability);
  if (!normalised.ok) throw unsupportedCapability(normalised.rejection);
  const message = (fields.message ?? '').trim();
  if (message === '' && normalised.capability === '') {
    throw invalidPayload('message or capability required', 'message');
  }
  const trimmedId = fields.session_id?.trim();
  const sessionId = trimmedId === '' ? undefined : trimmedId;
  // `resume` finishes a turn of an existing session: without one, only a message gives it something to do.
  if (normalised.capability === 'resume' && sessionId === undefined && message === '') {
    throw resumeNeedsSessionId();
  }
  const model = fields.model?.trim();
  return {
    sessionId,
    message,
    capability: normalised.capability,
    model: model === '' ? undefined : model,
  };
}
