/**
 * The Portkey AI gateway (`@portkey-ai/gateway`, Node + Hono) as a peer: installed from npm into its own
 * version-keyed prefix, run with the same Node as the proxy (`build/start-server.js --port=P --headless`),
 * pinned like the proxy. It has no provider config file: each request names its provider and upstream in
 * headers (`x-portkey-provider: openai`, `x-portkey-custom-host: <upstream>/v1`) and passes the upstream
 * key in `authorization`. Its SSRF guard refuses loopback custom hosts unless they are listed in
 * `TRUSTED_CUSTOM_HOSTS`.
 *
 * `--ignore-scripts` skips only its `postinstall: patch-package`; the published package has no patches.
 */
import { join } from 'node:path';
import type { InstallStep } from './tool-cache.ts';

export const PORTKEY = {
  id: 'portkey',
  label: 'Portkey 1.15.2',
  package: '@portkey-ai/gateway',
  version: '1.15.2',
} as const;

export const PORTKEY_SPEC = `${PORTKEY.package}@${PORTKEY.version}`;

export function portkeyInstallSteps(prefix: string): InstallStep[] {
  return [
    {
      command: 'npm',
      args: [
        'install',
        '--prefix',
        prefix,
        '--ignore-scripts',
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        PORTKEY_SPEC,
      ],
      timeoutMs: 300_000,
    },
  ];
}

/** The gateway's entry point inside its prefix. */
export function portkeyEntry(prefix: string): string {
  return join(prefix, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');
}

/** Arguments after `node`: its CLI takes `--port=<n>` (one token) and `--headless` (no UI banner). */
export function portkeyArgs(prefix: string, port: number): string[] {
  return [portkeyEntry(prefix), `--port=${port}`, '--headless'];
}

/** Headers that route one request through Portkey to the OpenAI-compatible upstream. */
export function portkeyHeaders(upstreamBaseUrl: string, upstreamKey: string): Record<string, string> {
  return {
    authorization: `Bearer ${upstreamKey}`,
    'content-type': 'application/json',
    'x-portkey-provider': 'openai',
    'x-portkey-custom-host': upstreamBaseUrl,
  };
}

/** Environment of the gateway: production mode, and the upstream's host trusted as a custom host. */
export function portkeyEnv(base: NodeJS.ProcessEnv, upstreamHost: string): NodeJS.ProcessEnv {
  return { ...base, NODE_ENV: 'production', TRUSTED_CUSTOM_HOSTS: upstreamHost };
}
