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
import { anthropicDialect } from './anthropic-dialect.ts';
import { chatDialect } from './chat-dialect.ts';
import { geminiDialect } from './gemini-dialect.ts';
import { responsesDialect } from './responses-dialect.ts';
import {
  startScriptedUpstream,
  type RecordedCall,
  type ScriptedUpstream,
  type UpstreamDialect,
} from './scripted-upstream.ts';

type Json = Record<string, unknown>;

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

/** One provider family: its wire format, and how its requests show instructions, tools and tool round trips. */
interface UpstreamFamily {
  /** Names the case in test titles (and gap-report selectors). */
  readonly id: string;
  readonly provider: 'openai' | 'deepseek' | 'anthropic' | 'gemini';
  /** The id of the model's call on this wire (Gemini has none: a response answers a call by name and position). */
  readonly callId: RegExp;
  readonly label: string;
  readonly dialect: UpstreamDialect;
  readonly path: string;
  /** A model Codex is run with; for gpt-5.5 Codex knows the model and adds its `custom` apply_patch tool. */
  readonly model: string;
  /** Set where the run also asks for reasoning (Codex's `model_reasoning_effort`). */
  readonly reasoningEffort?: 'medium';
  /** Whether the upstream request asks for reasoning, in the provider's own field. */
  readonly reasoningOn?: (body: Json) => boolean;
  /** How the reasoning of the first answer must appear in the second request. */
  readonly replayedReasoning?: RegExp;
  readonly instructions: (body: Json) => string;
  /** Checks the tool list the upstream got. */
  readonly checkTools: (tools: readonly Json[]) => void;
  /** Checks the client's own fields the proxy does not translate, where the upstream speaks the client's API. */
  readonly checkVerbatimFields?: (body: Json) => void;
  /** The call the model made, as replayed in the next turn, and the answer that came back for it. */
  readonly roundTrip: (body: Json) => { callId: unknown; name: unknown; answerId: unknown; answer: string };
}

const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? ''));

const OPENAI: UpstreamFamily = {
  id: 'openai',
  callId: /^call_scripted_\d+$/,
  provider: 'openai',
  label: 'the OpenAI provider (Responses API)',
  dialect: responsesDialect,
  path: '/responses',
  model: 'gpt-5.5',
  instructions: (body) => text(body['instructions']),
  // Codex asks gpt-5.5 for reasoning by default (effort medium) and for its encrypted content.
  reasoningOn: (body) => typeof (body['reasoning'] as Json | undefined)?.['effort'] === 'string',
  // The encrypted reasoning this upstream issued comes back, before the call it preceded.
  replayedReasoning:
    /\{"type":"reasoning","summary":\[\{"type":"summary_text","text":"Reading the file first\."\}\],"encrypted_content":"enc-scripted-\d+"\},\{"type":"function_call"/,
  checkTools: (tools) => {
    // Same API both sides: Codex's tool list arrives verbatim, custom and hosted tools included.
    expect(tools.map((tool) => tool['type'])).toEqual(
      expect.arrayContaining(['function', 'custom', 'web_search']),
    );
  },
  // Codex's prompt-cache key (one per thread) reaches OpenAI on every turn, so its prompt caching keeps working.
  checkVerbatimFields: (body) => expect(body['prompt_cache_key']).toMatch(/.+/),
  roundTrip: (body) => {
    const items = list(body['input']);
    const call = items.find((item) => item['type'] === 'function_call');
    const output = items.find((item) => item['type'] === 'function_call_output');
    return {
      callId: call?.['call_id'],
      name: call?.['name'],
      answerId: output?.['call_id'],
      answer: text(output?.['output']),
    };
  },
};

const DEEPSEEK: UpstreamFamily = {
  id: 'deepseek',
  callId: /^call_scripted_\d+$/,
  provider: 'deepseek',
  label: 'an OpenAI-compatible chat provider (deepseek)',
  dialect: chatDialect,
  path: '/chat/completions',
  model: 'deepseek-chat',
  instructions: (body) =>
    list(body['messages'])
      .filter((message) => message['role'] === 'system')
      .map((message) => text(message['content']))
      .join('\n'),
  checkTools: (tools) => {
    // Translated: only functions; the namespace flattened; web_search, which DeepSeek cannot run, dropped.
    const names = tools.map((tool) => (tool['function'] as Json | undefined)?.['name']);
    expect(tools.every((tool) => tool['type'] === 'function')).toBe(true);
    expect(names).toContain('exec_command');
    expect(names.some((name) => String(name).startsWith('multi_agent_v1__'))).toBe(true);
    expect(JSON.stringify(tools)).not.toContain('web_search');
  },
  roundTrip: (body) => {
    const messages = list(body['messages']);
    const call = list(messages.find((message) => message['tool_calls'] !== undefined)?.['tool_calls'])[0];
    const output = messages.find((message) => message['role'] === 'tool');
    return {
      callId: call?.['id'],
      name: (call?.['function'] as Json | undefined)?.['name'],
      answerId: output?.['tool_call_id'],
      answer: text(output?.['content']),
    };
  },
};

function blocks(message: Json | undefined): Json[] {
  const content = message?.['content'];
  return typeof content === 'string' ? [{ type: 'text', text: content }] : list(content);
}

const ANTHROPIC: UpstreamFamily = {
  id: 'anthropic',
  callId: /^toolu_\d+$/,
  provider: 'anthropic',
  label: 'the Anthropic provider (Messages API)',
  dialect: anthropicDialect,
  path: '/messages',
  model: 'claude-sonnet-4-6',
  instructions: (body) =>
    typeof body['system'] === 'string'
      ? body['system']
      : list(body['system'])
          .map((block) => text(block['text']))
          .join('\n'),
  checkTools: (tools) => {
    // Translated: Anthropic tools have no `type` of OpenAI's union; the namespace flattened, web_search dropped.
    const names = tools.map((tool) => tool['name']);
    expect(tools.every((tool) => typeof tool['input_schema'] === 'object')).toBe(true);
    expect(names).toContain('exec_command');
    expect(names.some((name) => String(name).startsWith('multi_agent_v1__'))).toBe(true);
    expect(JSON.stringify(tools)).not.toContain('web_search');
  },
  roundTrip: (body) => {
    const messages = list(body['messages']);
    const call = messages.flatMap((message) => blocks(message)).find((block) => block['type'] === 'tool_use');
    const output = messages
      .flatMap((message) => blocks(message))
      .find((block) => block['type'] === 'tool_result');
    return {
      callId: call?.['id'],
      name: call?.['name'],
      answerId: output?.['tool_use_id'],
      answer: text(output?.['content']),
    };
  },
};

/**
 * Codex with a reasoning effort against Anthropic: thinking is on upstream, and Anthropic refuses a replayed
 * tool call whose assistant turn does not start with its signed thinking block.
 */
const ANTHROPIC_THINKING: UpstreamFamily = {
  ...ANTHROPIC,
  id: 'anthropic-thinking',
  label: 'the Anthropic provider with reasoning on',
  // A model the proxy's catalog knows can think (an unknown one answers without thinking, reported in a header).
  model: 'claude-sonnet-4-6',
  reasoningEffort: 'medium',
  // The signed thinking block the upstream sent before its tool call comes back before that call.
  replayedReasoning:
    /"content":\[\{"type":"thinking","thinking":"[^"]+","signature":"sig-\d+-scripted"\},\{"type":"tool_use"/,
  reasoningOn: (body) =>
    ['enabled', 'adaptive'].includes(text((body['thinking'] as Json | undefined)?.['type'])),
};

const GEMINI: UpstreamFamily = {
  id: 'gemini',
  callId: /^exec_command$/,
  provider: 'gemini',
  label: 'the Gemini provider (generateContent)',
  dialect: geminiDialect({ signsCalls: false }),
  path: ':streamGenerateContent?alt=sse',
  model: 'gemini-2.5-flash',
  instructions: (body) =>
    list((body['systemInstruction'] as Json | undefined)?.['parts'])
      .map((part) => text(part['text']))
      .join('\n'),
  checkTools: (groups) => {
    // Translated: function declarations only; the namespace flattened, web_search dropped.
    const names = groups.flatMap((group) => list(group['functionDeclarations'])).map((tool) => tool['name']);
    expect(names).toContain('exec_command');
    expect(names.some((name) => String(name).startsWith('multi_agent_v1__'))).toBe(true);
    expect(JSON.stringify(groups)).not.toContain('web_search');
  },
  roundTrip: (body) => {
    const all = list(body['contents']).flatMap((content) => list(content['parts']));
    const call = all.find((part) => part['functionCall'] !== undefined)?.['functionCall'] as Json | undefined;
    const output = all.find((part) => part['functionResponse'] !== undefined)?.['functionResponse'] as
      Json | undefined;
    return {
      callId: call?.['name'],
      name: call?.['name'],
      answerId: output?.['name'],
      answer: text(output?.['response']),
    };
  },
};

/** Gemini 3 signs its function calls and refuses a replayed call without its signature. */
const GEMINI_3: UpstreamFamily = {
  ...GEMINI,
  id: 'gemini-3',
  label: 'the Gemini provider with a Gemini 3 model (signed function calls)',
  model: 'gemini-3-pro-preview',
  dialect: geminiDialect({ signsCalls: true }),
  replayedReasoning:
    /\{"functionCall":\{"name":"exec_command","args":\{"cmd":"cat notes.txt"\}\},"thoughtSignature":"tsig-scripted-\d+"\}/,
};

const CASES = [OPENAI, DEEPSEEK, ANTHROPIC, ANTHROPIC_THINKING, GEMINI, GEMINI_3].flatMap((family) =>
  (['sse', 'websocket'] as const).map((transport) => ({ family, transport })),
);

describe.each(CASES)(
  'Codex (real CLI, $transport) through the proxy to $family.label',
  ({ family, transport }) => {
    const cwd = project();
    let upstream: ScriptedUpstream;
    let proxy: BuiltProxy;

    beforeAll(async () => {
      upstream = await startScriptedUpstream(family.dialect, task);
      proxy = await startBuiltProxy({
        config: {
          auth: { keys: [{ id: 'codex', key: CLIENT_KEY }] },
          controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'sy-clients-data-')) },
          modelPlane: { providers: { [family.provider]: { baseUrl: upstream.url, keys: [UPSTREAM_KEY] } } },
        },
        env: { PATH: process.env['PATH'] },
      });
    });

    afterAll(async () => {
      await proxy.stop();
      await upstream.close();
    });

    it(`codex-${transport}-${family.id}: runs a shell command that reads a file and answers from it; instructions reach the upstream on every turn; the tool output answers the model's call`, async () => {
      const result = await runCodex({
        baseUrl: `${proxy.url}/v1`,
        apiKey: CLIENT_KEY,
        model: family.model,
        ...(family.reasoningEffort === undefined ? {} : { reasoningEffort: family.reasoningEffort }),
        prompt: 'Run a command to read notes.txt and tell me the secret word.',
        cwd,
        transport,
      });
      const report = JSON.stringify({ events: result.events, violations: upstream.violations });
      expect(upstream.violations.join('\n')).toBe('');
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

      const turns = upstream.calls.filter((call) => call.url.endsWith(family.path));
      expect(turns).toHaveLength(2);
      for (const turn of turns) {
        // The provider's key, in the provider's header (never the client's key).
        const key =
          turn.headers['authorization'] ?? turn.headers['x-api-key'] ?? turn.headers['x-goog-api-key'];
        expect(key).toMatch(new RegExp(`^(Bearer )?${UPSTREAM_KEY}$`));
        expect(family.instructions(turn.body)).toMatch(CODEX_PROMPT);
        family.checkTools(list(turn.body['tools']));
        family.checkVerbatimFields?.(turn.body);
      }
      if (family.reasoningOn !== undefined) {
        // Reasoning really was on upstream on every turn (the provider-specific rules then apply to the replay).
        for (const turn of turns)
          expect(
            family.reasoningOn?.(turn.body),
            JSON.stringify({ ...turn.body, tools: undefined, system: undefined, messages: undefined }),
          ).toBe(true);
      }
      if (family.replayedReasoning !== undefined)
        expect(JSON.stringify((turns[1] as RecordedCall).body)).toMatch(family.replayedReasoning);
      // The second turn answers the call the model made in the first, with the file's content.
      const trip = family.roundTrip((turns[1] as RecordedCall).body);
      expect(trip.callId).toMatch(family.callId);
      expect(trip.name).toBe('exec_command');
      expect(trip.answerId).toBe(trip.callId);
      expect(trip.answer).toContain(`The secret word is ${SECRET_WORD}`);
    });
  },
);
