/**
 * Namespaces and the capability-label matrix: the control plane's routes never collide with the model
 * plane's, and every surface that takes a label answers exactly what the one normaliser decides.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../server/create-server.ts';
import type { SwitchyardServer } from '../server/build-server.ts';
import { normaliseCapability, SUPPORTED_CAPABILITY_LABELS } from './capability.ts';
import {
  postJson,
  settled,
  startControlPlaneServer,
  type ControlPlaneTestServer,
} from './testing/control-plane-server.ts';

describe('namespaces on the real server', () => {
  let server: SwitchyardServer;
  beforeAll(async () => {
    server = await createServer(
      { controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'switchyard-ns-')) } },
      { logDestination: new PassThrough() },
    );
  });
  afterAll(() => server.close());

  it('has no /agent/* route, one GET /messages and one POST /v1/messages', async () => {
    expect(server.routes.filter((route) => route.split(' ')[1]?.startsWith('/agent'))).toEqual([]);
    expect(server.routes.filter((route) => route === 'GET /messages')).toHaveLength(1);
    expect(server.routes.filter((route) => route === 'POST /v1/messages')).toHaveLength(1);
    expect(server.routes).toEqual(expect.arrayContaining(['POST /message', 'GET /status', 'GET /events']));
    const agent = await server.app.inject({ method: 'GET', url: '/agent/messages' });
    expect(agent.statusCode).toBe(404);
    const wrongMethod = await server.app.inject({ method: 'GET', url: '/v1/messages' });
    expect(wrongMethod.statusCode).toBe(404);
  });

  it('runs POST /message as a real model turn on the mock provider, counted in provider metrics', async () => {
    const posted = await server.app.inject({ method: 'POST', url: '/message', payload: { message: 'hi' } });
    const { session_id: sessionId } = posted.json<{ session_id: string }>();
    for (let i = 0; i < 500; i += 1) {
      const status = (await server.app.inject({ url: `/status?session_id=${sessionId}` })).json<{
        status: string;
      }>();
      if (status.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const messages = (await server.app.inject({ url: `/messages?session_id=${sessionId}` })).json<{
      messages: { role: string; content: string }[];
    }>().messages;
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(messages[1]?.content.length).toBeGreaterThan(0);
    const metrics = (await server.app.inject({ url: '/v1/metrics/providers' })).json<
      Record<string, { request_count: number }>
    >();
    expect(metrics['mock']?.request_count).toBe(1);
  });
});

/** Every orchestrator-facing way to send a label. */
const SURFACES = {
  'POST /message (new session)': async (url: string, capability: string) =>
    postJson(`${url}/message`, { message: 'm', capability }),
  'POST /message (existing session)': async (url: string, capability: string) => {
    const first = await postJson(`${url}/message`, { message: 'first' });
    await settled(url, first.body['session_id'] as string);
    return postJson(`${url}/message`, { session_id: first.body['session_id'], message: 'm', capability });
  },
  'POST /message (with Idempotency-Key)': async (url: string, capability: string) =>
    postJson(
      `${url}/message`,
      { message: 'm', capability },
      { 'idempotency-key': `k-${Buffer.from(capability).toString('hex')}` },
    ),
} as const;

const LABELS = [
  '',
  'continue',
  'resume',
  'ask',
  'exec',
  'max',
  '  MAX  ',
  'ExEc',
  'pause',
  'constructor',
  'continue!',
];

describe('capability labels: one normaliser, every surface', () => {
  let server: ControlPlaneTestServer;
  beforeAll(async () => {
    server = await startControlPlaneServer();
  });
  afterAll(() => server.close());

  const cases = Object.keys(SURFACES).flatMap((surface) => LABELS.map((label) => [surface, label] as const));
  it.each(cases)('%s with %j answers what normaliseCapability decides', async (surface, label) => {
    const result = await SURFACES[surface as keyof typeof SURFACES](server.url, label);
    const decided = normaliseCapability(label);
    if (!decided.ok) {
      expect(result.status).toBe(501);
      expect(result.body).toMatchObject({
        error: { code: 'unsupported_capability', message: decided.rejection.message },
      });
      return;
    }
    // `resume` with a message is an ordinary message when nothing is interrupted, and in a new session
    // when no session_id is given: every accepted label answers 202 on every surface.
    expect(result.status).toBe(202);
    expect(result.body['resumed']).toBe(false);
    const sessionId = result.body['session_id'] as string;
    await settled(server.url, sessionId);
    const [turn] = (await server.store.findInterruptedTurns(sessionId)).concat(
      await turnsOf(server, sessionId),
    );
    expect(turn?.capability).toBe(decided.capability);
  });

  it('refuses resume with neither session_id nor message on every new-session surface (400)', async () => {
    for (const headers of [{}, { 'idempotency-key': 'k-bare-resume' }]) {
      const result = await postJson(`${server.url}/message`, { capability: 'resume' }, headers);
      expect(result).toMatchObject({ status: 400, body: { error: { code: 'missing_session_id' } } });
    }
  });

  it('no other module in src re-implements the alias table', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (
          entry.name.endsWith('.ts') &&
          !entry.name.endsWith('.test.ts') &&
          !path.endsWith('capability.ts')
        ) {
          if (/['"]exec['"]/.test(readFileSync(path, 'utf8'))) offenders.push(path);
        }
      }
    };
    walk(join(import.meta.dirname, '..'));
    expect(offenders).toEqual([]);
    expect(SUPPORTED_CAPABILITY_LABELS).toEqual(['continue', 'resume', 'ask', 'exec', 'max']);
  });
});

async function turnsOf(server: ControlPlaneTestServer, sessionId: string) {
  const messages = await server.store.listMessages(sessionId);
  const last = messages.findLast((message) => message.role === 'user');
  const turn = last === undefined ? undefined : await server.store.getTurn(last.turnId);
  return turn === undefined ? [] : [turn];
}
