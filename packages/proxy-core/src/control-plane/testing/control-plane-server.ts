/** A listening shell with the fake model plane and a store the test can reach, plus SSE and polling helpers. */
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { SwitchyardConfigInput } from '../../config/schema.ts';
import { buildServer, type StoreFactory, type SwitchyardServer } from '../../server/build-server.ts';
import { createFakeModelPlane, type FakeModelPlane } from '../../server/testing/fake-model-plane.ts';
import type { ControlPlaneStore } from '../../store/control-plane-store.ts';
import { MemoryStore } from '../../store/memory-store.ts';

export interface ControlPlaneTestServer {
  readonly server: SwitchyardServer;
  readonly plane: FakeModelPlane;
  readonly store: ControlPlaneStore;
  readonly url: string;
  close(): Promise<void>;
}

const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

export async function startControlPlaneServer(
  config: SwitchyardConfigInput = {},
  openStore?: StoreFactory,
  plane: FakeModelPlane = createFakeModelPlane(),
): Promise<ControlPlaneTestServer> {
  let store: ControlPlaneStore | undefined;
  const server = await buildServer(
    { ...config, server: { port: 0, ...config.server } },
    {
      createModelPlane: () => plane,
      logDestination: silent,
      openStore: async (settings) => {
        store = (await openStore?.(settings)) ?? new MemoryStore({ eventRetention: settings.eventRetention });
        return store;
      },
    },
  );
  await server.listen();
  if (store === undefined) throw new Error('the server opened no store');
  const { port } = server.app.server.address() as AddressInfo;
  return { server, plane, store, url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

export async function getJson(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function deleteJson(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'DELETE', headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Polls until `check` holds; gives up (failing the test) after `timeoutMs`. No speed is asserted. */
export async function eventually<T>(
  probe: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (check(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until the session has no turn running (idle or failed) and returns its status body. */
export function settled(
  url: string,
  sessionId: string,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  return eventually(
    async () => (await getJson(`${url}/status?session_id=${sessionId}`, headers)).body,
    (status) => status['status'] === 'idle' || status['status'] === 'failed',
  );
}

export interface SseFrame {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
  /** A comment line (heartbeat). */
  readonly comment?: string;
}

export function parseFrame(block: string): SseFrame {
  const frame: { id?: string; event?: string; data?: string; comment?: string } = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    else if (line.startsWith('id: ')) frame.id = line.slice(4);
    else if (line.startsWith('event: ')) frame.event = line.slice(7);
    else if (line.startsWith('data: ')) frame.data = line.slice(6);
  }
  return frame;
}

/**
 * Reads an SSE stream until `until` holds for the frames so far or the server ends it; then disconnects.
 * Returns the frames and whether the server ended the stream itself.
 */
export async function readSse(
  url: string,
  headers: Record<string, string>,
  until: (frames: readonly SseFrame[]) => boolean,
  timeoutMs = 5_000,
): Promise<{ status: number; frames: SseFrame[]; endedByServer: boolean }> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`SSE: condition not met in ${timeoutMs} ms`)),
    timeoutMs,
  );
  const response = await fetch(url, { headers, signal: controller.signal });
  const frames: SseFrame[] = [];
  if (response.body === null || response.status !== 200) {
    clearTimeout(timer);
    return { status: response.status, frames, endedByServer: true };
  }
  const decoder = new TextDecoder();
  let buffer = '';
  let endedByServer = true;
  try {
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let split = buffer.indexOf('\n\n');
      while (split !== -1) {
        frames.push(parseFrame(buffer.slice(0, split)));
        buffer = buffer.slice(split + 2);
        split = buffer.indexOf('\n\n');
      }
      if (until(frames)) {
        endedByServer = false;
        break;
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { status: response.status, frames, endedByServer };
}
