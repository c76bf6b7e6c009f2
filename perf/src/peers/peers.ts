/**
 * `--peers`: installs (on demand, into the tool cache) and starts the peer gateways beside the proxy —
 * same lean upstream, same CPU as the proxy, same model — and says for each one whether it runs, whether
 * its streaming works, and if not, why and how to install it.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@switchyard/testkit/ports';
import { startService, type RunningService } from '@switchyard/testkit/processes';
import { pinnedCommand, type Pinning } from '../topology/pinning.ts';
import type { Target } from '../topology/topology.ts';
import {
  checkLitellmVersion,
  LITELLM,
  LITELLM_LOG_CONFIG,
  litellmArgs,
  litellmConfig,
  litellmEnv,
  litellmInstallSteps,
  LITELLM_SPEC,
} from './litellm.ts';
import {
  PORTKEY,
  PORTKEY_SPEC,
  portkeyArgs,
  portkeyEnv,
  portkeyHeaders,
  portkeyInstallSteps,
} from './portkey.ts';
import {
  ensureInstalled,
  installCommandOf,
  peerPrefix,
  toolCacheRoot,
  type InstallStep,
} from './tool-cache.ts';

export type PeerId = typeof PORTKEY.id | typeof LITELLM.id;

/** What the report says about one peer: measured (streaming or not, and why), or not run (why, and how to install). */
export type PeerStatus =
  | {
      readonly id: PeerId;
      readonly label: string;
      readonly state: 'measured';
      /** undefined when streaming works; otherwise what a streamed request got (e.g. `HTTP 500: …`). */
      readonly streamingFailure: string | undefined;
    }
  | {
      readonly id: PeerId;
      readonly label: string;
      readonly state: 'not run';
      readonly reason: string;
      readonly installCommand: string;
    };

export interface RunningPeer {
  readonly target: Target;
  readonly status: PeerStatus & { readonly state: 'measured' };
  stop(): Promise<void>;
}

interface PeerDefinition {
  readonly id: PeerId;
  readonly label: string;
  readonly spec: string;
  readonly prefix: string;
  readonly steps: readonly InstallStep[];
}

function definitions(cacheRoot: string): PeerDefinition[] {
  const portkeyPrefix = peerPrefix(cacheRoot, 'portkey-gateway', PORTKEY.version);
  const litellmPrefix = peerPrefix(cacheRoot, 'litellm', LITELLM.version);
  return [
    {
      id: PORTKEY.id,
      label: PORTKEY.label,
      spec: PORTKEY_SPEC,
      prefix: portkeyPrefix,
      steps: portkeyInstallSteps(portkeyPrefix),
    },
    {
      id: LITELLM.id,
      label: LITELLM.label,
      spec: LITELLM_SPEC,
      prefix: litellmPrefix,
      steps: litellmInstallSteps(litellmPrefix),
    },
  ];
}

/** A key that exists only for this run (built at run time, so no fixed secret-like string is in source). */
function runKey(role: string): string {
  return ['sk', 'perf', role, Date.now().toString(36)].join('-');
}

/** One streamed request through the peer: undefined when it answered 200 with a complete stream. */
async function streamingFailure(target: Target): Promise<string | undefined> {
  try {
    const response = await fetch(`${target.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: target.headers,
      body: JSON.stringify({
        model: target.model,
        stream: true,
        messages: [{ role: 'user', content: 'probe' }],
      }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (response.status !== 200) return `HTTP ${response.status}: ${text.slice(0, 120)}`;
    return text.includes('[DONE]') ? undefined : 'stream ended without [DONE]';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function startPortkey(
  definition: PeerDefinition,
  pinning: Pinning,
  upstream: { port: number; key: string },
  model: string,
): Promise<{ service: RunningService; target: Target }> {
  const port = await freePort();
  const [command, args] = pinnedCommand(
    pinning.proxy,
    process.execPath,
    portkeyArgs(definition.prefix, port),
  );
  const service = await startService({
    command,
    args,
    readyUrl: `http://127.0.0.1:${port}/`,
    readyTimeoutMs: 30_000,
    env: portkeyEnv(process.env, '127.0.0.1'),
  });
  const target: Target = {
    name: PORTKEY.id,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    headers: portkeyHeaders(`http://127.0.0.1:${upstream.port}/v1`, upstream.key),
    model,
    pid: service.child.pid,
  };
  return { service, target };
}

async function startLitellm(
  definition: PeerDefinition,
  pinning: Pinning,
  upstream: { port: number; key: string },
  model: string,
  dir: string,
): Promise<{ service: RunningService; target: Target }> {
  const python = join(definition.prefix, 'bin', 'python');
  const version = spawnSync(python, ['-c', 'import importlib.metadata as m; print(m.version("litellm"))'], {
    encoding: 'utf8',
  });
  checkLitellmVersion(version.stdout ?? '');
  const masterKey = runKey('litellm');
  const configFile = join(dir, 'litellm.yaml');
  const logConfigFile = join(dir, 'litellm-log.json');
  writeFileSync(
    configFile,
    litellmConfig({
      model,
      upstreamBaseUrl: `http://127.0.0.1:${upstream.port}/v1`,
      upstreamKey: upstream.key,
      masterKey,
    }),
  );
  writeFileSync(logConfigFile, JSON.stringify(LITELLM_LOG_CONFIG));
  const port = await freePort();
  const [command, args] = pinnedCommand(
    pinning.proxy,
    join(definition.prefix, 'bin', 'litellm'),
    litellmArgs(configFile, logConfigFile, port),
  );
  const service = await startService({
    command,
    args,
    readyUrl: `http://127.0.0.1:${port}/health/liveliness`,
    readyTimeoutMs: 120_000,
    env: litellmEnv(process.env),
  });
  const target: Target = {
    name: LITELLM.id,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
    model,
    pid: service.child.pid,
  };
  return { service, target };
}

/**
 * Installs every peer (reusing the cache) before anything is measured, so a slow first install never
 * sits between measurements. Returns each peer's status: a failed install is "not run" with its command.
 */
export async function installPeers(
  log: (line: string) => void,
  cacheRoot = toolCacheRoot(),
): Promise<{ ready: PeerDefinition[]; notRun: PeerStatus[] }> {
  const ready: PeerDefinition[] = [];
  const notRun: PeerStatus[] = [];
  for (const definition of definitions(cacheRoot)) {
    log(
      `peer ${definition.label}: installing ${definition.spec} into ${definition.prefix} (reused when there)`,
    );
    const outcome = await ensureInstalled(definition.prefix, definition.spec, definition.steps);
    if (outcome.ok) {
      log(`peer ${definition.label}: ${outcome.reused ? 'reused' : `installed in ${outcome.seconds} s`}`);
      ready.push(definition);
    } else {
      log(`peer ${definition.label}: NOT installed — ${outcome.reason}`);
      notRun.push({
        id: definition.id,
        label: definition.label,
        state: 'not run',
        reason: `install failed (${outcome.reason})`,
        installCommand: installCommandOf(definition.steps),
      });
    }
  }
  return { ready, notRun };
}

/** Starts the installed peers on the proxy's CPU, pointed at the lean upstream; a peer that fails to start is "not run". */
export async function startPeers(
  ready: readonly PeerDefinition[],
  pinning: Pinning,
  upstream: { port: number; key: string },
  model: string,
  dir: string,
  log: (line: string) => void,
): Promise<{ running: RunningPeer[]; notRun: PeerStatus[] }> {
  const running: RunningPeer[] = [];
  const notRun: PeerStatus[] = [];
  for (const definition of ready) {
    try {
      const { service, target } =
        definition.id === PORTKEY.id
          ? await startPortkey(definition, pinning, upstream, model)
          : await startLitellm(definition, pinning, upstream, model, dir);
      const failure = await streamingFailure(target);
      log(
        `peer ${definition.label}: running (pid ${target.pid}); streaming ${failure === undefined ? 'works' : `fails: ${failure}`}`,
      );
      running.push({
        target,
        status: { id: definition.id, label: definition.label, state: 'measured', streamingFailure: failure },
        stop: () => service.stop(),
      });
    } catch (error) {
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
      log(`peer ${definition.label}: did not start — ${reason}`);
      notRun.push({
        id: definition.id,
        label: definition.label,
        state: 'not run',
        reason: `did not start (${reason})`,
        installCommand: installCommandOf(definition.steps),
      });
    }
  }
  return { running, notRun };
}
