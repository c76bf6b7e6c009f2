/** What the SQLite store adds to the engine's guarantees: nothing secret on disk, one winner across processes. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { requestFingerprint } from './fingerprint.ts';
import { IdempotencyEngine } from './idempotency-engine.ts';
import { idempotencyScope } from './idempotency-key.ts';
import { sha256Hex } from './sha256.ts';

describe('idempotency on SQLite', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sy-idem-sqlite-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Every file of the data directory (database, WAL, shared memory), concatenated. */
  const dataDirBytes = (): Buffer =>
    Buffer.concat(readdirSync(dataDir).map((name) => readFileSync(join(dataDir, name))));

  it('never writes the raw Idempotency-Key to disk, only its hash', async () => {
    const rawKey = `raw-key-${crypto.randomUUID()}`;
    const store = SqliteStore.open({ dataDir });
    const engine = new IdempotencyEngine(store);
    const begun = await engine.begin(
      idempotencyScope({ principal: 'ci', route: 'POST /message', key: rawKey }),
      'fp',
    );
    if (begun.kind !== 'execute') throw new Error('expected execute');
    await engine.complete(begun.token, { status: 202, headers: {}, body: '{}' });

    // While open, the record sits in the WAL; after close it is checkpointed into the main file.
    const whileOpen = dataDirBytes();
    expect(whileOpen.includes(sha256Hex(rawKey))).toBe(true);
    expect(whileOpen.includes(rawKey)).toBe(false);
    await store.close();
    const afterClose = dataDirBytes();
    expect(afterClose.includes(sha256Hex(rawKey))).toBe(true);
    expect(afterClose.includes(rawKey)).toBe(false);
    expect(afterClose.includes(Buffer.from(rawKey, 'utf16le'))).toBe(false);
  });

  it('gives each key to exactly one of several processes claiming the same keys at once', async () => {
    const processes = 6;
    const keys = 300;
    const moduleUrl = (file: string): string => pathToFileURL(join(import.meta.dirname, file)).href;
    // Each process opens its own connection and races the others through the same keys.
    const child = `
      const { SqliteStore } = await import(${JSON.stringify(pathToFileURL(join(import.meta.dirname, '../store/sqlite/sqlite-store.ts')).href)});
      const { IdempotencyEngine } = await import(${JSON.stringify(moduleUrl('idempotency-engine.ts'))});
      const { idempotencyScope } = await import(${JSON.stringify(moduleUrl('idempotency-key.ts'))});
      const store = SqliteStore.open({ dataDir: ${JSON.stringify(dataDir)}, busyTimeoutMs: 20000 });
      const engine = new IdempotencyEngine(store);
      // Barrier: report ready, start only when the parent says go, so all processes race at the same time.
      process.stdout.write('ready\\n');
      await new Promise((resolve) => process.stdin.once('data', resolve));
      const kinds = [];
      for (let index = 0; index < ${keys}; index += 1) {
        const scope = idempotencyScope({ principal: 'ci', route: 'POST /message', key: 'key-' + index });
        kinds.push((await engine.begin(scope, ${JSON.stringify(requestFingerprint({ message: 'hi' }))})).kind);
      }
      await store.close();
      process.stdout.write(JSON.stringify(kinds));
      process.stdin.destroy();
    `;
    // Migrate once up front so the race is about claims, not about who creates the schema.
    await SqliteStore.open({ dataDir }).close();
    const children = Array.from({ length: processes }, () =>
      startNode(['--input-type=module', '--no-warnings', '-e', child]),
    );
    await Promise.all(children.map((running) => running.ready));
    for (const running of children) running.go();
    const outputs = await Promise.all(children.map((running) => running.done));

    const perProcess = outputs.map((output) => JSON.parse(output.slice('ready\n'.length)) as string[]);
    for (let index = 0; index < keys; index += 1) {
      const kinds = perProcess.map((kinds) => kinds[index]);
      expect(
        kinds.filter((kind) => kind === 'execute'),
        `key-${index}: ${kinds.join(',')}`,
      ).toHaveLength(1);
      expect(kinds.filter((kind) => kind === 'conflict-in-flight')).toHaveLength(processes - 1);
    }
  }, 30_000);
});

interface RunningNode {
  /** Settles once the child printed its first line (`ready`). */
  readonly ready: Promise<void>;
  readonly go: () => void;
  /** Everything the child printed, once it exited 0. */
  readonly done: Promise<string>;
}

function startNode(args: readonly string[]): RunningNode {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`child exited ${code}: ${stderr}`)),
    );
  });
  // A child that dies before it is ready fails the test at once instead of leaving the barrier waiting.
  const readyOrDead = Promise.race([
    ready,
    done.then(() => Promise.reject(new Error(`exited before ready: ${stdout}`))),
  ]);
  return { ready: readyOrDead, go: () => child.stdin.write('go\n'), done };
}
