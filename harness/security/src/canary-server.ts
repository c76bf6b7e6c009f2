import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createServer, type SwitchyardServer } from '@switchyard/proxy-core';

/**
 * A real proxy (createServer, mock provider, listening on loopback) whose every log line is captured,
 * configured with canary secrets, so a test can look for the canaries on every surface an attacker or
 * an operator sees: response bodies and headers, logs, and both metrics endpoints.
 */
export interface CanaryServer {
  readonly url: string;
  readonly clientKey: string;
  readonly logLines: string[];
  close(): Promise<void>;
}

export const ALLOWED_ORIGIN = 'https://app.example.com';

/** Built at run time so no secret-shaped literal sits in the repository. */
export function canary(label: string): string {
  return ['sk', 'test', 'canary', label, Math.random().toString(36).slice(2, 14)].join('-');
}

export async function startCanaryServer(clientKey: string): Promise<CanaryServer> {
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const server: SwitchyardServer = await createServer(
    {
      server: { host: '127.0.0.1', port: 0, bodyLimitBytes: 64 * 1024 },
      auth: { keys: [{ id: 'security-suite', key: clientKey }] },
      cors: { allowedOrigins: [ALLOWED_ORIGIN] },
      controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'sy-security-')) },
    },
    { logDestination: destination },
  );
  const url = await server.listen();
  return { url, clientKey, logLines, close: () => server.close() };
}
