/**
 * LiteLLM's proxy (`litellm[proxy]`, Python) as a peer: installed from PyPI into a version-keyed venv,
 * started as `litellm --config <file> --port P`, pinned like the proxy. The config routes one model to the
 * same lean upstream as an OpenAI-compatible `api_base`; logs at ERROR and uvicorn's per-request access log
 * off, like the proxy's logs at warn. Version 1.107.0 was reported compromised: the pin is exact, and the
 * runner refuses to run any version on the deny list even if one turned up in the venv.
 */
import { join } from 'node:path';
import type { InstallStep } from './tool-cache.ts';

export const LITELLM = {
  id: 'litellm',
  label: 'LiteLLM 1.93.0',
  version: '1.93.0',
} as const;

export const LITELLM_SPEC = `litellm[proxy]==${LITELLM.version}`;

/** Versions that must never be installed or run (1.107.0 was reported compromised). */
export const LITELLM_DENIED_VERSIONS: readonly string[] = ['1.107.0'];

/** Throws unless `installed` is exactly the pinned version (and never a denied one). */
export function checkLitellmVersion(installed: string): void {
  const version = installed.trim();
  if (LITELLM_DENIED_VERSIONS.includes(version))
    throw new Error(`litellm ${version} is on the deny list (reported compromised); refusing to run it`);
  if (version !== LITELLM.version)
    throw new Error(`litellm ${version} installed, but the perf lane pins exactly ${LITELLM.version}`);
}

export function litellmInstallSteps(prefix: string, python = 'python3'): InstallStep[] {
  return [
    { command: python, args: ['-m', 'venv', prefix], timeoutMs: 120_000 },
    {
      command: join(prefix, 'bin', 'pip'),
      args: ['install', '--disable-pip-version-check', '--quiet', LITELLM_SPEC],
      timeoutMs: 900_000,
    },
  ];
}

export interface LitellmConfigInput {
  /** The model name clients ask for (the same one the direct side sends). */
  readonly model: string;
  /** The upstream's OpenAI-compatible base URL, `http://127.0.0.1:<port>/v1`. */
  readonly upstreamBaseUrl: string;
  readonly upstreamKey: string;
  /** The key clients present (LiteLLM's master key; it must start with `sk-`). */
  readonly masterKey: string;
}

/** YAML string scalar: JSON's double-quoted strings are valid YAML and escape everything that matters. */
const q = (value: string): string => JSON.stringify(value);

/** The LiteLLM proxy config: one model routed to the lean upstream, no retries, no telemetry. */
export function litellmConfig(input: LitellmConfigInput): string {
  if (!input.masterKey.startsWith('sk-')) throw new Error('LiteLLM master keys must start with "sk-"');
  return [
    'model_list:',
    `  - model_name: ${q(input.model)}`,
    '    litellm_params:',
    `      model: ${q(`openai/${input.model}`)}`,
    `      api_base: ${q(input.upstreamBaseUrl)}`,
    `      api_key: ${q(input.upstreamKey)}`,
    'router_settings:',
    '  num_retries: 0',
    'litellm_settings:',
    '  num_retries: 0',
    '  telemetry: false',
    'general_settings:',
    `  master_key: ${q(input.masterKey)}`,
    '',
  ].join('\n');
}

/** uvicorn logging config (dictConfig JSON): warnings only, no per-request access lines. */
export const LITELLM_LOG_CONFIG = {
  version: 1,
  disable_existing_loggers: false,
  handlers: { stderr: { class: 'logging.StreamHandler', stream: 'ext://sys.stderr' } },
  loggers: {
    uvicorn: { handlers: ['stderr'], level: 'WARNING', propagate: false },
    'uvicorn.error': { handlers: ['stderr'], level: 'WARNING', propagate: false },
    'uvicorn.access': { handlers: ['stderr'], level: 'WARNING', propagate: false },
  },
} as const;

export function litellmArgs(configFile: string, logConfigFile: string, port: number): string[] {
  return [
    '--config',
    configFile,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--num_workers',
    '1',
    '--telemetry',
    'False',
    '--log_config',
    logConfigFile,
  ];
}

/** LITELLM_LOG=ERROR: its own logger at error; the bundled model price map instead of a fetch from GitHub. */
export function litellmEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...base, LITELLM_LOG: 'ERROR', LITELLM_LOCAL_MODEL_COST_MAP: 'True' };
}
