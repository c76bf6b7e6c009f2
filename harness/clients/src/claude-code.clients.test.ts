/**
 * The real Claude Code CLI (pinned from npm) through the built proxy, out of the box: only its documented base
 * URL and key. A two-step task — read a file with Claude Code's own Read tool, then answer from it — against
 * upstreams that enforce their provider's documented rules, with every upstream request recorded and checked.
 */
import { describe, expect, it } from 'vitest';
import { SECRET_WORD, type AgentTask } from './agent-task-rig.ts';
import { agentTaskSuite, type AgentTaskState } from './agent-task-suite.ts';
import { anthropicDialect } from './anthropic-dialect.ts';
import { chatDialect } from './chat-dialect.ts';
import { geminiDialect } from './gemini-dialect.ts';
import { responsesDialect } from './responses-dialect.ts';
import { runClaudeCode, type ClaudeCodeResult } from './claude-code.ts';

const READ_NOTES = { tool: 'Read', input: (notes: string) => ({ file_path: notes }) };

/** Runs Claude Code once on `model` for the describe block's task. */
function claudeCodeTask(task: AgentTask, model: string, path: string): AgentTaskState<ClaudeCodeResult> {
  return agentTaskSuite(task, path, (rig) =>
    runClaudeCode({
      baseUrl: rig.proxy.url,
      apiKey: rig.clientKey,
      model,
      prompt: 'Read notes.txt and tell me the secret word.',
      cwd: rig.dir,
      allowedTools: ['Read'],
    }),
  );
}

/** What every provider family must show: the task done, the tool run on Claude Code's side, no rule broken. */
function expectTaskDone(state: AgentTaskState<ClaudeCodeResult>): void {
  expect(state.rig?.upstream.violations).toEqual([]);
  expect(state.result?.is_error, JSON.stringify(state.result)).toBe(false);
  expect(state.result?.result).toContain(SECRET_WORD);
  expect(state.turns.length).toBeGreaterThanOrEqual(2);
  // The tool really ran on Claude Code's side: the file's content came back as a tool result.
  expect(JSON.stringify(state.turns.at(-1)?.body)).toContain(`The secret word is ${SECRET_WORD}`);
}

describe('Claude Code (real CLI) through the proxy to the Anthropic provider', () => {
  const state = claudeCodeTask(
    { dialect: anthropicDialect, provider: 'anthropic', ...READ_NOTES },
    'claude-sonnet-4-6',
    '/messages',
  );

  it('claude-code: completes a file-read task; system prompt and cache breakpoints reach the upstream on every turn', () => {
    expectTaskDone(state);
    for (const turn of state.turns) {
      expect(turn.headers['x-api-key']).toBe(state.rig?.upstreamKey);
      const system = turn.body['system'];
      expect(JSON.stringify(system ?? '').length).toBeGreaterThan(1000);
      expect(JSON.stringify(turn.body).match(/"cache_control"/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    }
    // Claude Code asked for adaptive thinking: it reached Anthropic as sent, its display choice included (2.1.332 in
    // print mode asks for `omitted`), and the signed thinking block the upstream sent was replayed before the tool
    // call (the rule above would have refused it otherwise).
    expect(state.turns[0]?.body['thinking']).toEqual({ type: 'adaptive', display: 'omitted' });
    expect(JSON.stringify(state.turns.at(-1)?.body)).toContain('sig-1-scripted');
    // Fields and beta flags the proxy does not translate reach Anthropic as Claude Code sent them.
    for (const turn of state.turns) {
      expect(Object.keys(turn.body)).toEqual(expect.arrayContaining(['context_management', 'output_config']));
      expect(String(turn.headers['anthropic-beta'])).toContain('claude-code-20250219');
    }
  });
});

describe('Claude Code (real CLI) through the proxy to an OpenAI-compatible provider (DeepSeek)', () => {
  const state = claudeCodeTask(
    { dialect: chatDialect, provider: 'deepseek', ...READ_NOTES },
    'deepseek/deepseek-chat',
    '/chat/completions',
  );

  it('claude-code: completes a file-read task through DeepSeek; the system prompt (mid-conversation system text included) reaches every turn', () => {
    expectTaskDone(state);
    for (const turn of state.turns) {
      expect(turn.headers.authorization).toBe(`Bearer ${state.rig?.upstreamKey ?? ''}`);
      const messages = turn.body['messages'] as { role: string; content: unknown }[];
      const system = JSON.stringify(messages.filter((message) => message.role === 'system'));
      expect(system.length).toBeGreaterThan(1000);
      // Claude Code's mid-conversation system message (its environment block) is part of the system prompt.
      expect(system).toContain('# Environment');
    }
  });
});

describe('Claude Code (real CLI) through the proxy to the OpenAI provider (Responses API)', () => {
  const state = claudeCodeTask(
    { dialect: responsesDialect, provider: 'openai', ...READ_NOTES },
    // A codex model exists only on the Responses API, so a Messages client reaches it there (docs/providers.md).
    'openai/gpt-5-codex',
    '/responses',
  );

  it('claude-code: completes a file-read task through OpenAI Responses; its system prompt reaches every turn as instructions', () => {
    expectTaskDone(state);
    for (const turn of state.turns) {
      expect(turn.headers.authorization).toBe(`Bearer ${state.rig?.upstreamKey ?? ''}`);
      const instructions = JSON.stringify(turn.body['instructions'] ?? '');
      expect(instructions.length).toBeGreaterThan(1000);
      expect(instructions).toContain('# Environment');
    }
  });
});

describe('Claude Code (real CLI) through the proxy to the Gemini provider', () => {
  const state = claudeCodeTask(
    { dialect: geminiDialect({ signsCalls: false }), provider: 'gemini', ...READ_NOTES },
    'gemini/gemini-2.5-flash',
    ':streamGenerateContent?alt=sse',
  );

  it('claude-code: completes a file-read task through Gemini; its system prompt reaches every turn as systemInstruction', () => {
    expectTaskDone(state);
    for (const turn of state.turns) {
      expect(turn.headers['x-goog-api-key']).toBe(state.rig?.upstreamKey);
      const system = JSON.stringify(turn.body['systemInstruction'] ?? '');
      expect(system.length).toBeGreaterThan(1000);
      expect(system).toContain('# Environment');
    }
  });
});
