import OpenAI from 'openai';
import { asAsked } from '../../shared/testing/loopback-upstream.ts';
import {
  CLIENT_KEY,
  startPlaneWithUpstream,
  type PlaneWithUpstream,
} from '../../shared/testing/plane-with-upstream.ts';
import { OPENAI_DEFAULTS } from '../config.ts';

/**
 * The whole plane with an `openai` provider whose loopback upstream answers every client — whatever its dialect —
 * from one API (`api`), with `stream` or `whole` as it was asked; and the official SDK pointed at the plane.
 */
export async function openAiPlaneOn(
  api: 'responses' | 'chat',
  stream: string,
  whole: unknown,
): Promise<{ rig: PlaneWithUpstream; openai: OpenAI }> {
  const rig = await startPlaneWithUpstream((baseUrl) => ({
    openai: { baseUrl: `${baseUrl}/v1`, keys: ['sk-upstream-openai'], models: OPENAI_DEFAULTS.models, api },
  }));
  rig.upstream.respond(asAsked(stream, whole));
  return { rig, openai: new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${rig.plane.url}/v1`, maxRetries: 0 }) };
}
