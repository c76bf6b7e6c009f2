/**
 * Runs the real Gemini CLI once, headless (`-p`, `--output-format json`), against a proxy — as a user would, with
 * its documented gateway settings: `GOOGLE_GEMINI_BASE_URL` (http is allowed for a loopback host) and the key in
 * `GEMINI_API_KEY`, sent as `x-goog-api-key` (reference: the package's bundle/docs/reference/configuration.md).
 *
 * The auth type is set in the user settings (`security.auth.selectedType: "gemini-api-key"`): with only the base
 * URL variable, 0.61.0 picks its `gateway` auth type, which its own headless check then refuses ("Invalid auth
 * method selected."); the API-key type reads the same base URL variable. Settings also turn off auto-update,
 * update notices, usage statistics and telemetry, so the CLI talks to nothing but the proxy.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { geminiCliScript } from './agent-binaries.ts';
import { runAgentCli } from './agent-cli.ts';

export interface GeminiCliRun {
  /** The proxy's root URL; the CLI appends `/v1beta/models/{model}:…`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly model: string;
  readonly prompt: string;
  /** The project directory the CLI works in (its tools read files and run commands here). */
  readonly cwd: string;
}

/** Per-tool counts from the `stats.tools.byName` of the JSON result. */
export interface GeminiCliToolStats {
  readonly count: number;
  readonly success: number;
  readonly fail: number;
}

/** The `--output-format json` result (bundle/docs/cli/headless.md): the answer, or an error, and statistics. */
export interface GeminiCliResult {
  readonly exitCode: number;
  readonly stderr: string;
  readonly response?: string;
  readonly error?: { readonly type: string; readonly message: string; readonly code?: number };
  readonly stats?: {
    readonly models?: Record<string, { readonly api: { readonly totalErrors: number } }>;
    readonly tools?: { readonly byName?: Record<string, GeminiCliToolStats> };
  };
}

const SETTINGS = {
  security: { auth: { selectedType: 'gemini-api-key' } },
  general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
  privacy: { usageStatisticsEnabled: false },
  telemetry: { enabled: false },
};

/** The pretty-printed JSON object the CLI prints, from its first line `{` (warnings may come before it). */
function jsonResult(text: string): Record<string, unknown> | undefined {
  const lines = text.split('\n');
  const start = lines.indexOf('{');
  if (start === -1) return undefined;
  try {
    return JSON.parse(lines.slice(start).join('\n')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export async function runGeminiCli(run: GeminiCliRun): Promise<GeminiCliResult> {
  const { stdout, stderr, exitCode } = await runAgentCli({
    binary: process.execPath,
    // YOLO: there is no terminal to approve a tool call on; the task's tools only read.
    args: [
      geminiCliScript(),
      '-p',
      run.prompt,
      '-m',
      run.model,
      '--output-format',
      'json',
      '--approval-mode',
      'yolo',
    ],
    cwd: run.cwd,
    label: 'gemini',
    prepareHome: (home) => {
      mkdirSync(join(home, '.gemini'));
      writeFileSync(join(home, '.gemini', 'settings.json'), JSON.stringify(SETTINGS));
    },
    env: () => ({
      GOOGLE_GEMINI_BASE_URL: run.baseUrl,
      GEMINI_API_KEY: run.apiKey,
      GEMINI_TELEMETRY_ENABLED: 'false',
      // The documented switch for headless runs: the fresh project folder is trusted (tools may run in it).
      GEMINI_CLI_TRUST_WORKSPACE: 'true',
    }),
  });
  const result = jsonResult(stdout);
  if (result === undefined) throw new Error(`gemini printed no JSON result:\n${stdout}\n${stderr}`);
  return { ...(result as Partial<GeminiCliResult>), exitCode, stderr };
}
