/**
 * Control-plane turns carry an idempotency key to the provider call: the model plane puts
 * `TurnRequest.idempotencyKey` into the request metadata (which providers may forward upstream as
 * `Idempotency-Key`), and the control plane uses the turn id, so a resumed turn re-sends the same key.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { upstreamCode } from '../errors/catalogue.ts';
import { createModelPlane, modelPlaneConfigSchema } from '../model-plane/index.ts';
import { FAST } from '../model-plane/testing/plane-server.ts';
import { ProviderError } from '../providers/provider-error.ts';
import { openSqliteStore } from '../server/build-server.ts';
import type { ModelPlane, TurnRequest } from '../model-plane/contract.ts';
import { createFakeModelPlane } from '../server/testing/fake-model-plane.ts';
import { FINISH, ScriptedProvider, START, TEXT } from '../streaming/testing-providers.ts';
import {
  postJson,
  settled,
  startControlPlaneServer,
  type ControlPlaneTestServer,
} from './testing/control-plane-server.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((close) => close()));
});

function planeWith(provider: ScriptedProvider): ModelPlane {
  const plane = createModelPlane(modelPlaneConfigSchema.parse(FAST), { providers: [provider] });
  cleanup.push(() => plane.close());
  return plane;
}

const turn = (extra: Partial<TurnRequest> = {}): TurnRequest => ({
  model: 'scripted/scripted',
  messages: [{ role: 'user', text: 'hello' }],
  signal: new AbortController().signal,
  requestId: 'turn_req',
  ...extra,
});

describe('ModelPlane.runTurn: the idempotency key reaches the provider', () => {
  it('puts the turn’s idempotencyKey into the request metadata, the same on every retry', async () => {
    const overloaded = new ProviderError({
      status: 503,
      code: upstreamCode('overloaded'),
      message: 'busy',
      retryAfterMs: 1,
    });
    const provider = new ScriptedProvider('scripted', (attempt) =>
      attempt === 1 ? [overloaded] : [START, TEXT, FINISH],
    );
    const result = await planeWith(provider).runTurn(
      turn({ idempotencyKey: 'turn_abc', sessionId: 'cp_1', principal: 'alice' }),
    );

    expect(result.text).toBe('hi');
    expect(provider.calls).toEqual([
      expect.objectContaining({ idempotencyKey: 'turn_abc', requestId: 'turn_req', attempt: 1 }),
      expect.objectContaining({
        idempotencyKey: 'turn_abc',
        requestId: 'turn_req',
        sessionId: 'cp_1',
        principal: 'alice',
        requestedModel: 'scripted/scripted',
        attempt: 2,
      }),
    ]);
  });

  it('sends no idempotency key when the turn has none', async () => {
    const provider = new ScriptedProvider('scripted', () => [START, TEXT, FINISH]);
    await planeWith(provider).runTurn(turn());
    expect(provider.calls).toHaveLength(1);
    expect(provider.calls[0]).not.toHaveProperty('idempotencyKey');
  });
});

describe('control plane: a turn’s idempotency key is its turn id', () => {
  async function start(...args: Parameters<typeof startControlPlaneServer>): Promise<ControlPlaneTestServer> {
    const server = await startControlPlaneServer(...args);
    cleanup.push(() => server.close());
    return server;
  }

  it('sends the turn id, and the same key again when the turn is resumed after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-cp-key-'));
    const config = { controlPlane: { dataDir } };
    const held = createFakeModelPlane();
    held.turnGate = new Promise(() => undefined); // in flight at shutdown: the turn stays resumable
    const first = await startControlPlaneServer(config, openSqliteStore, held);
    const posted = await postJson(`${first.url}/message`, { message: 'survive me' });
    const turnId = posted.body['turn_id'] as string;
    await expect.poll(() => held.turns.length).toBe(1);
    expect(held.turns[0]?.idempotencyKey).toBe(turnId);
    await first.close();

    const second = await start(config, openSqliteStore);
    const sessionId = posted.body['session_id'] as string;
    const resumed = await postJson(`${second.url}/message`, { session_id: sessionId, capability: 'resume' });
    expect(resumed.body).toMatchObject({ resumed: true, turn_id: turnId });
    await settled(second.url, sessionId);
    expect(second.plane.turns.map((request) => request.idempotencyKey)).toEqual([turnId]);

    const next = await postJson(`${second.url}/message`, { session_id: sessionId, message: 'then this' });
    await settled(second.url, sessionId);
    expect(second.plane.turns.map((request) => request.idempotencyKey)).toEqual([
      turnId,
      next.body['turn_id'],
    ]);
    expect(next.body['turn_id']).not.toBe(turnId);
  });

  it('resumes at startup (interruptedTurns: resume) as the session’s owner, with the turn id as key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-cp-key-'));
    const seeded = openSqliteStore({
      dataDir,
      eventRetention: { maxEventsPerSession: 100, maxEventAgeMs: 60_000 },
    });
    const crashed = await seeded.appendUserMessage({
      sessionId: 'crashed',
      owner: 'alice',
      content: 'hi',
      capability: '',
    });
    await seeded.close();
    const alice = { id: 'alice', key: 'alice-secret-0123456789' };
    const { url, plane } = await start(
      { auth: { keys: [alice] }, controlPlane: { dataDir, interruptedTurns: 'resume' } },
      openSqliteStore,
    );
    await settled(url, 'crashed', { authorization: `Bearer ${alice.key}` });
    expect(plane.turns).toEqual([
      expect.objectContaining({
        principal: 'alice',
        idempotencyKey: crashed.turn.id,
        requestId: crashed.turn.id,
      }),
    ]);
  });
});
