import { Toxiproxy } from 'toxiproxy-node-client';
import { freePort } from './ports.ts';
import { startService, type RunningService } from './processes.ts';
import { requireTool } from './tools.ts';

export interface ToxiproxyHandle {
  readonly apiUrl: string;
  readonly client: Toxiproxy;
  stop(): Promise<void>;
}

/**
 * Starts the real toxiproxy server (the pinned Go binary) on a free loopback port.
 * Only loopback: chaos traffic never leaves 127.0.0.1.
 */
export async function startToxiproxy(): Promise<ToxiproxyHandle> {
  const binary = requireTool('toxiproxy-server');
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const service: RunningService = await startService({
    command: binary,
    args: ['-host', '127.0.0.1', '-port', String(port)],
    env: { ...process.env, LOG_LEVEL: 'warn' },
    readyUrl: `${apiUrl}/version`,
  });
  return { apiUrl, client: new Toxiproxy(apiUrl), stop: () => service.stop() };
}
