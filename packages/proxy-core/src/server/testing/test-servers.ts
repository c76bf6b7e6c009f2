/** Builders shared by the shell's server tests. */
import { Writable } from 'node:stream';
import type { SwitchyardConfigInput } from '../../config/schema.ts';
import { MemoryStore } from '../../store/memory-store.ts';
import { buildServer, type SwitchyardServer } from '../build-server.ts';
import { createFakeModelPlane, type FakeModelPlane } from './fake-model-plane.ts';

export const ALICE = { id: 'alice', key: 'sk-test-alice-0123456789abcdef' } as const;
export const BOB = { id: 'bob', key: 'sk-test-bob-0123456789abcdef00' } as const;

export interface TestServer extends SwitchyardServer {
  readonly plane: FakeModelPlane;
  /** Every log line written so far. */
  readonly logLines: string[];
}

export async function testServer(config: SwitchyardConfigInput = {}): Promise<TestServer> {
  const plane = createFakeModelPlane();
  const logLines: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      done();
    },
  });
  // The shell's tests need no durable state: the in-memory store keeps them off the disk.
  const server = await buildServer(config, {
    createModelPlane: () => plane,
    logDestination,
    openStore: ({ eventRetention }) => new MemoryStore({ eventRetention }),
  });
  return Object.assign(server, { plane, logLines });
}

export const withKeys: SwitchyardConfigInput = { auth: { keys: [ALICE, BOB] } };
