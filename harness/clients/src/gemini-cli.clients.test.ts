/**
 * The real Gemini CLI (pinned from npm) through the built proxy, headless, with only its documented gateway
 * settings (base URL, API key). A two-step task — use one of the CLI's own tools on a note, then answer from the
 * tool's result — against upstreams that enforce their provider's documented rules, with every upstream request
 * recorded and checked: an OpenAI-compatible provider (the Gemini API translated to Chat Completions and back)
 * and Gemini itself (the same dialect, Gemini 3's signed function calls replayed).
 */
import { describe, expect, it } from 'vitest';
import { SECRET_WORD, type AgentTask } from './agent-task-rig.ts';
import { agentTaskSuite, type AgentTaskState } from './agent-task-suite.ts';
import { chatDialect } from './chat-dialect.ts';
import { geminiDialect } from './gemini-dialect.ts';
import { runGeminiCli, type GeminiCliResult } from './gemini-cli.ts';
import type { RecordedCall } from './scripted-upstream.ts';

type Json = Record<string, unknown>;

/** The opening of the Gemini CLI's own system prompt. */
const GEMINI_CLI_PROMPT = 'You are Gemini CLI';
const PROMPT = 'Read notes.txt and tell me the secret word.';

/** Runs the Gemini CLI once on `model` for the describe block's task. */
function geminiCliTask(task: AgentTask, model: string, path: string): AgentTaskState<GeminiCliResult> {
  return agentTaskSuite(task, path, (rig) =>
    runGeminiCli({ baseUrl: rig.proxy.url, apiKey: rig.clientKey, model, prompt: PROMPT, cwd: rig.dir }),
  );
}

/** What every provider family must show: the task done, the tool run on the CLI's side, no rule broken. */
function expectTaskDone(state: AgentTaskState<GeminiCliResult>, tool: string): void {
  expect(state.rig?.upstream.violations).toEqual([]);
  expect(state.result?.error, JSON.stringify(state.result?.error)).toBeUndefined();
  expect(state.result?.exitCode).toBe(0);
  expect(state.result?.response).toContain(SECRET_WORD);
  // The CLI ran its own tool once, successfully, and every API call it made succeeded.
  expect(state.result?.stats?.tools?.byName?.[tool]).toMatchObject({ count: 1, success: 1, fail: 0 });
  for (const model of Object.values(state.result?.stats?.models ?? {})) expect(model.api.totalErrors).toBe(0);
  expect(state.turns).toHaveLength(2);
  // The tool really ran on the CLI's side: the note's content came back as the tool result.
  expect(JSON.stringify(state.turns.at(-1)?.body)).toContain(`The secret word is ${SECRET_WORD}`);
  // The client's key stays between the CLI and the proxy.
  expect(JSON.stringify(state.rig?.upstream.calls.map((call) => call.headers))).not.toContain(
    state.rig?.clientKey,
  );
}

function messagesOf(turn: RecordedCall | undefined): Json[] {
  return (turn?.body['messages'] as Json[] | undefined) ?? [];
}

function contentsOf(turn: RecordedCall | undefined): Json[] {
  return (turn?.body['contents'] as Json[] | undefined) ?? [];
}

describe('Gemini CLI (real CLI) through the proxy to an OpenAI-compatible provider (DeepSeek)', () => {
  const state = geminiCliTask(
    {
      dialect: chatDialect,
      provider: 'deepseek',
      tool: 'read_file',
      input: (notes) => ({ file_path: notes }),
    },
    'deepseek/deepseek-chat',
    '/chat/completions',
  );

  it('gemini-cli: completes a file-read task through DeepSeek; its system prompt reaches every turn as a system message and the read_file result comes back as a tool message', () => {
    expectTaskDone(state, 'read_file');
    for (const turn of state.turns) {
      expect(turn.headers.authorization).toBe(`Bearer ${state.rig?.upstreamKey ?? ''}`);
      const system = messagesOf(turn).filter((message) => message['role'] === 'system');
      expect(system).toHaveLength(1);
      expect(String(system[0]?.['content'])).toMatch(new RegExp(`^${GEMINI_CLI_PROMPT}`));
      expect(String(system[0]?.['content']).length).toBeGreaterThan(1000);
      // The CLI's function declarations arrive as function tools, its file and shell tools among them.
      const tools = ((turn.body['tools'] as Json[] | undefined) ?? []).map(
        (tool) => (tool['function'] as Json | undefined)?.['name'],
      );
      expect(tools).toEqual(expect.arrayContaining(['read_file', 'run_shell_command']));
    }
    // The second turn replays the call under the id DeepSeek gave it and answers it with the file's content.
    const [call, result] = messagesOf(state.turns[1]).slice(-2);
    const calls = (call?.['tool_calls'] as Json[] | undefined) ?? [];
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ id: 'call_scripted_2', function: { name: 'read_file' } });
    expect(result).toMatchObject({ role: 'tool', tool_call_id: 'call_scripted_2' });
    expect(String(result?.['content'])).toContain(`The secret word is ${SECRET_WORD}`);
  });
});

describe('Gemini CLI (real CLI) through the proxy to the Gemini provider (Gemini 3, signed function calls)', () => {
  const state = geminiCliTask(
    {
      dialect: geminiDialect({ signsCalls: true }),
      provider: 'gemini',
      tool: 'run_shell_command',
      input: () => ({ command: 'cat notes.txt' }),
    },
    // The bare model name a Gemini CLI user types; the proxy finds the provider that serves it.
    'gemini-3-flash-preview',
    ':streamGenerateContent?alt=sse',
  );

  it('gemini-cli: completes a shell-command task through Gemini; systemInstruction and thinkingConfig reach every turn and the signed call is replayed with its functionResponse', () => {
    expectTaskDone(state, 'run_shell_command');
    for (const turn of state.turns) {
      expect(turn.url).toBe('/models/gemini-3-flash-preview:streamGenerateContent?alt=sse');
      expect(turn.headers['x-goog-api-key']).toBe(state.rig?.upstreamKey);
      const system = JSON.stringify(turn.body['systemInstruction'] ?? '');
      expect(system).toContain(GEMINI_CLI_PROMPT);
      expect(system.length).toBeGreaterThan(1000);
      // The CLI asks Gemini 3 for its thoughts; same dialect, so the setting reaches Gemini as sent.
      expect((turn.body['generationConfig'] as Json | undefined)?.['thinkingConfig']).toMatchObject({
        includeThoughts: true,
      });
    }
    // The model turn replays the call with the signature Gemini issued; the user turn answers it by name.
    const [, call, result] = contentsOf(state.turns[1]).slice(-3);
    expect(call).toMatchObject({
      role: 'model',
      parts: [
        {
          functionCall: { name: 'run_shell_command', args: { command: 'cat notes.txt' } },
          thoughtSignature: expect.stringMatching(/^tsig-scripted-/) as unknown,
        },
      ],
    });
    expect(result).toMatchObject({
      role: 'user',
      parts: [{ functionResponse: { name: 'run_shell_command' } }],
    });
  });
});
