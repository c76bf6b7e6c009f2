/**
 * The real Codex CLI (pinned from npm) through the built proxy, out of the box: only the documented custom
 * provider settings (base URL, key variable, transport). A two-step task — run a shell command that reads a
 * file, then answer from its output — over HTTP SSE and over WebSocket, against upstreams that enforce their
 * provider's documented rules, with every upstream request recorded and checked.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltProxy, type BuiltProxy } from '@switchyard/testkit/built-proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCodex } from './codex.ts';
import { responsesDialect } from './responses-dialect.ts';
import { startScriptedUpstream, type RecordedCall, type ScriptedUpstream } from './scripted-upstream.ts';

/** Built at run time so no secret-shaped literal sits in the repository. */
const CLIENT_KEY = ['sk', 'test', 'codex', Math.random().toString(36).slice(2)].join('-');
const UPSTREAM_KEY = ['sk', 'proj', 'test', Math.random().toString(36).slice(2)].join('-');
const SECRET_WORD = 'heron';
/** The opening of Codex's own agent prompt (it varies by model family), sent as a `developer` input item. */
const CODEX_PROMPT = /^You are (Codex, )?a coding agent/;
/** The proxy's metric route of each transport (WebSocket turns are counted per `response.create`). */
const ROUTE = { sse: '/v1/responses', websocket: 'GET /v1/responses' } as const;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sy-codex-project-'));
  writeFileSync(join(dir, 'notes.txt'), `The secret word is ${SECRET_WORD}.\n`);
  return dir;
}

const task = {
  tool: 'exec_command',
  input: { cmd: 'cat notes.txt' },
  answer: (result: string) => `The note says: ${/secret word is (\w+)/.exec(result)?.[1] ?? '(nothing)'}`,
};

type Json = Record<string, unknown>;

/** Successful model requests per route, from the proxy's Prometheus metrics. */
async function requestsByRoute(proxy: BuiltProxy): Promise<Record<string, number>> {
  const response = await fetch(`${proxy.url}/metrics`, {
    headers: { authorization: `Bearer ${CLIENT_KEY}` },
  });
  const counts: Record<string, number> = {};
  for (const match of (await response.text()).matchAll(
    /^switchyard_requests_total\{[^}]*route="([^"]+)",status="200"\} (\d+)/gm,
  )) {
    counts[match[1] as string] = Number(match[2]);
  }
  return counts;
}

function inputItems(call: RecordedCall): Json[] {
  return (call.body['input'] as Json[] | undefined) ?? [];
}

describe.each(['sse', 'websocket'] as const)(
  'Codex (real CLI, %s) through the proxy to the OpenAI provider (Responses API)',
  (transport) => {
    const cwd = project();
    let upstream: ScriptedUpstream;
    let proxy: BuiltProxy;

    beforeAll(async () => {
      upstream = await startScriptedUpstream(responsesDialect, task);
      proxy = await startBuiltProxy({
        config: {
          auth: { keys: [{ id: 'codex', key: CLIENT_KEY }] },
          controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'sy-clients-data-')) },
          modelPlane: { providers: { openai: { baseUrl: upstream.url, keys: [UPSTREAM_KEY] } } },
        },
        env: { PATH: process.env['PATH'] },
      });
    });

    afterAll(async () => {
      await proxy.stop();
      await upstream.close();
    });

    it(`codex-${transport}: runs a shell command that reads a file and answers from it; instructions reach the upstream on every turn; hosted and custom tools pass through`, async () => {
      const result = await runCodex({
        baseUrl: `${proxy.url}/v1`,
        apiKey: CLIENT_KEY,
        model: 'gpt-5.5',
        prompt: 'Run a command to read notes.txt and tell me the secret word.',
        cwd,
        transport,
      });
      const report = JSON.stringify({ events: result.events, violations: upstream.violations });
      expect(upstream.violations).toEqual([]);
      expect(result.exitCode, report).toBe(0);
      expect(result.finalMessage).toContain(SECRET_WORD);
      // The command really ran on Codex's side and read the file.
      expect(result.commands.map((c) => c.command).join('\n')).toContain('cat notes.txt');
      expect(result.commands.map((c) => c.output).join('\n')).toContain(`The secret word is ${SECRET_WORD}`);

      // Codex falls back to HTTP after WebSocket failures: the transport asked for is the one that carried it.
      const other = transport === 'sse' ? 'websocket' : 'sse';
      const routes = await requestsByRoute(proxy);
      expect(routes[ROUTE[transport]], JSON.stringify(routes)).toBe(2);
      expect(routes[ROUTE[other]]).toBeUndefined();

      const turns = upstream.calls.filter((call) => call.url.endsWith('/responses'));
      expect(turns).toHaveLength(2);
      for (const turn of turns) {
        expect(turn.headers['authorization']).toBe(`Bearer ${UPSTREAM_KEY}`);
        expect(String(turn.body['instructions'])).toMatch(CODEX_PROMPT);
        // Same API both sides: Codex's tool list arrives verbatim, custom and hosted tools included.
        const types = ((turn.body['tools'] as Json[] | undefined) ?? []).map((tool) => tool['type']);
        expect(types).toEqual(expect.arrayContaining(['function', 'custom', 'web_search']));
      }
      // The second turn answers the call the model made in the first, with the file's content.
      const firstCallId = `call_scripted_${inputItems(turns[0] as RecordedCall).length}`;
      const second = inputItems(turns[1] as RecordedCall);
      expect(second.find((item) => item['type'] === 'function_call')).toMatchObject({
        call_id: firstCallId,
        name: 'exec_command',
      });
      const output = second.find((item) => item['type'] === 'function_call_output');
      expect(output?.['call_id']).toBe(firstCallId);
      expect(String(output?.['output'])).toContain(`The secret word is ${SECRET_WORD}`);
    });
  },
);
