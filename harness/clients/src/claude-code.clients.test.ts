/**
 * The real Claude Code CLI (pinned from npm) through the built proxy, out of the box: only its documented base
 * URL and key. A two-step task — read a file with Claude Code's own Read tool, then answer from it — against
 * upstreams that enforce their provider's documented rules, with every upstream request recorded and checked.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltProxy, type BuiltProxy } from '@switchyard/testkit/built-proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicDialect } from './anthropic-dialect.ts';
import { chatDialect } from './chat-dialect.ts';
import { runClaudeCode } from './claude-code.ts';
import { startScriptedUpstream, type ScriptedUpstream } from './scripted-upstream.ts';

/** Built at run time so no secret-shaped literal sits in the repository. */
const CLIENT_KEY = ['sk', 'test', 'clients', Math.random().toString(36).slice(2)].join('-');
const UPSTREAM_KEY = ['sk', 'ant', 'test', Math.random().toString(36).slice(2)].join('-');
const SECRET_WORD = 'pelican';

function project(): { dir: string; notes: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sy-claude-project-'));
  const notes = join(dir, 'notes.txt');
  writeFileSync(notes, `The secret word is ${SECRET_WORD}.\n`);
  return { dir, notes };
}

function systemText(body: Record<string, unknown>): string {
  const system = body['system'];
  return typeof system === 'string' ? system : JSON.stringify(system ?? '');
}

describe('Claude Code (real CLI) through the proxy to the Anthropic provider', () => {
  const work = project();
  let upstream: ScriptedUpstream;
  let proxy: BuiltProxy;

  beforeAll(async () => {
    upstream = await startScriptedUpstream(anthropicDialect, {
      tool: 'Read',
      input: { file_path: work.notes },
      answer: (result) => `The note says: ${/secret word is (\w+)/.exec(result)?.[1] ?? '(nothing)'}`,
    });
    proxy = await startBuiltProxy({
      config: {
        auth: { keys: [{ id: 'claude-code', key: CLIENT_KEY }] },
        controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'sy-clients-data-')) },
        modelPlane: { providers: { anthropic: { baseUrl: upstream.url, keys: [UPSTREAM_KEY] } } },
      },
      env: { PATH: process.env['PATH'] },
    });
  });

  afterAll(async () => {
    await proxy.stop();
    await upstream.close();
  });

  it('claude-code: completes a file-read task; system prompt and cache breakpoints reach the upstream on every turn', async () => {
    const result = await runClaudeCode({
      baseUrl: proxy.url,
      apiKey: CLIENT_KEY,
      model: 'claude-sonnet-4-6',
      prompt: 'Read notes.txt and tell me the secret word.',
      cwd: work.dir,
      allowedTools: ['Read'],
    });
    expect(upstream.violations).toEqual([]);
    expect(result.is_error, JSON.stringify(result)).toBe(false);
    expect(result.result).toContain(SECRET_WORD);
    const turns = upstream.calls.filter((call) => call.url.endsWith('/messages'));
    expect(turns.length).toBeGreaterThanOrEqual(2);
    for (const turn of turns) {
      expect(turn.headers['x-api-key']).toBe(UPSTREAM_KEY);
      expect(systemText(turn.body).length).toBeGreaterThan(1000);
      expect(JSON.stringify(turn.body).match(/"cache_control"/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    }
    // The tool really ran on Claude Code's side: the file's content came back as a tool_result.
    expect(JSON.stringify(turns.at(-1)?.body)).toContain(`The secret word is ${SECRET_WORD}`);
    // Claude Code asked for adaptive thinking: it reached Anthropic as such, and the signed thinking block
    // the upstream sent was replayed before the tool call (the rule above would have refused it otherwise).
    expect(turns[0]?.body['thinking']).toEqual({ type: 'adaptive' });
    expect(JSON.stringify(turns.at(-1)?.body)).toContain('sig-1-scripted');
  });
});

describe('Claude Code (real CLI) through the proxy to an OpenAI-compatible provider (DeepSeek)', () => {
  const work = project();
  let upstream: ScriptedUpstream;
  let proxy: BuiltProxy;

  beforeAll(async () => {
    upstream = await startScriptedUpstream(chatDialect, {
      tool: 'Read',
      input: { file_path: work.notes },
      answer: (result) => `The note says: ${/secret word is (\w+)/.exec(result)?.[1] ?? '(nothing)'}`,
    });
    proxy = await startBuiltProxy({
      config: {
        auth: { keys: [{ id: 'claude-code', key: CLIENT_KEY }] },
        controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'sy-clients-data-')) },
        modelPlane: { providers: { deepseek: { baseUrl: upstream.url, keys: [UPSTREAM_KEY] } } },
      },
      env: { PATH: process.env['PATH'] },
    });
  });

  afterAll(async () => {
    await proxy.stop();
    await upstream.close();
  });

  it('claude-code: completes a file-read task through DeepSeek; the system prompt (mid-conversation system text included) reaches every turn', async () => {
    const result = await runClaudeCode({
      baseUrl: proxy.url,
      apiKey: CLIENT_KEY,
      model: 'deepseek/deepseek-chat',
      prompt: 'Read notes.txt and tell me the secret word.',
      cwd: work.dir,
      allowedTools: ['Read'],
    });
    expect(upstream.violations).toEqual([]);
    expect(result.is_error, JSON.stringify(result)).toBe(false);
    expect(result.result).toContain(SECRET_WORD);
    const turns = upstream.calls.filter((call) => call.url.endsWith('/chat/completions'));
    expect(turns.length).toBeGreaterThanOrEqual(2);
    for (const turn of turns) {
      expect(turn.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
      const messages = turn.body['messages'] as { role: string; content: unknown }[];
      const system = messages.filter((message) => message.role === 'system');
      expect(JSON.stringify(system).length).toBeGreaterThan(1000);
      // Claude Code's mid-conversation system message (its environment block) is part of the system prompt.
      expect(JSON.stringify(system)).toContain('# Environment');
    }
    expect(JSON.stringify(turns.at(-1)?.body)).toContain(`The secret word is ${SECRET_WORD}`);
  });
});
