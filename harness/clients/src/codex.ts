/**
 * Runs the real Codex CLI once, non-interactively (`codex exec --json`), against a proxy — as a user would, with
 * only the documented custom-provider settings: base URL, key variable, transport (reference:
 * shared/reference/clients.md). Retries are off so one refused request fails the run instead of being retried
 * into a pass.
 */
import { codexBinary } from './agent-binaries.ts';
import { runAgentCli } from './agent-cli.ts';

export interface CodexRun {
  /** The proxy's OpenAI base URL, ending in `/v1`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly model: string;
  readonly prompt: string;
  /** The project directory Codex works in (its shell commands run here). */
  readonly cwd: string;
  /** WebSocket mode (`GET /v1/responses` upgrade) or HTTP SSE (`POST /v1/responses`). */
  readonly transport: 'websocket' | 'sse';
  /** Codex's own `model_reasoning_effort` setting (a user choice in config.toml), when the run wants reasoning. */
  readonly reasoningEffort?: 'low' | 'medium' | 'high';
  /**
   * Codex's own `stream_max_retries` (how often it reconnects and re-sends a turn whose stream broke). 0 unless a
   * run is about that recovery path, so elsewhere one refused request fails the run instead of being retried.
   */
  readonly streamMaxRetries?: number;
}

/** One line of `codex exec --json` output. */
export interface CodexEvent {
  readonly type: string;
  readonly item?: { readonly type: string; readonly [field: string]: unknown };
  readonly [field: string]: unknown;
}

export interface CodexResult {
  readonly exitCode: number;
  readonly events: readonly CodexEvent[];
  readonly stderr: string;
  /** The text of the last `agent_message` item. */
  readonly finalMessage: string | undefined;
  /** Completed `command_execution` items: what Codex ran and what came out. */
  readonly commands: readonly {
    readonly command: string;
    readonly output: string;
    readonly exitCode: unknown;
  }[];
}

const KEY_VARIABLE = 'SY_CODEX_KEY';

/** The `model_providers.proxy` table as one inline TOML value (`-c` takes TOML). */
function providerTable(run: CodexRun): string {
  const fields = [
    'name="switchyard"',
    `base_url=${JSON.stringify(run.baseUrl)}`,
    'wire_api="responses"',
    `env_key="${KEY_VARIABLE}"`,
    `supports_websockets=${String(run.transport === 'websocket')}`,
    'request_max_retries=0',
    `stream_max_retries=${run.streamMaxRetries ?? 0}`,
  ];
  return `model_providers.proxy={${fields.join(',')}}`;
}

function parseEvents(stdout: string): CodexEvent[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as CodexEvent);
}

export async function runCodex(run: CodexRun): Promise<CodexResult> {
  const args = [
    'exec',
    '--skip-git-repo-check',
    '--json',
    '-m',
    run.model,
    '-c',
    'model_provider="proxy"',
    '-c',
    providerTable(run),
    ...(run.reasoningEffort === undefined ? [] : ['-c', `model_reasoning_effort="${run.reasoningEffort}"`]),
    run.prompt,
  ];
  const { stdout, stderr, exitCode } = await runAgentCli({
    binary: codexBinary(),
    args,
    cwd: run.cwd,
    label: 'codex',
    env: (home) => ({ CODEX_HOME: home, [KEY_VARIABLE]: run.apiKey }),
  });
  const events = parseEvents(stdout);
  const completed = events.filter((event) => event.type === 'item.completed').map((event) => event.item);
  const messages = completed.filter((item) => item?.type === 'agent_message');
  return {
    exitCode,
    events,
    stderr,
    finalMessage: messages.at(-1)?.['text'] as string | undefined,
    commands: completed
      .filter((item) => item?.type === 'command_execution')
      .map((item) => ({
        command: String(item?.['command']),
        output: typeof item?.['aggregated_output'] === 'string' ? item['aggregated_output'] : '',
        exitCode: item?.['exit_code'],
      })),
  };
}
