/**
 * Runs the real Claude Code CLI once, non-interactively, against a proxy — as a user would, with no client
 * flags beyond the documented base URL and key (reference: shared/reference/clients.md).
 */
import { runAgentCli } from './agent-cli.ts';
import { claudeCodeBinary } from './agent-binaries.ts';

export interface ClaudeCodeRun {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly model: string;
  readonly prompt: string;
  /** The project directory Claude Code works in (its tools read files here). */
  readonly cwd: string;
  /** Tools allowed without a permission prompt (there is no terminal to ask on). */
  readonly allowedTools?: readonly string[];
}

/** The `--output-format json` result Claude Code prints at the end. */
export interface ClaudeCodeResult {
  readonly is_error: boolean;
  readonly result: string;
  readonly num_turns: number;
  readonly api_error_status?: number | null;
  readonly [field: string]: unknown;
}

export async function runClaudeCode(run: ClaudeCodeRun): Promise<ClaudeCodeResult> {
  const args = ['-p', run.prompt, '--output-format', 'json', '--model', run.model];
  if (run.allowedTools !== undefined) args.push('--allowedTools', run.allowedTools.join(','));
  const { stdout, stderr } = await runAgentCli({
    binary: claudeCodeBinary(),
    args,
    cwd: run.cwd,
    label: 'claude',
    env: () => ({
      ANTHROPIC_BASE_URL: run.baseUrl,
      ANTHROPIC_API_KEY: run.apiKey,
      // No network but loopback here: no telemetry, update checks or other non-essential calls.
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
    }),
  });
  try {
    return JSON.parse(stdout) as ClaudeCodeResult;
  } catch {
    throw new Error(`claude printed no JSON result:\n${stdout}\n${stderr}`);
  }
}
