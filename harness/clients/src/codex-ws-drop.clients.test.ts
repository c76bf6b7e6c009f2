/**
 * A real client's recovery from a dropped Responses WebSocket: the Codex CLI (pinned from npm) over WebSocket,
 * with the real toxiproxy between it and the built proxy. While the first answer is still streaming, the hop goes
 * down (every open connection dropped, new ones refused) and comes back after a while. Codex's own recovery —
 * must finish the task: the command runs once, and the answer is the file's word. Codex has two recovery paths and
 * both are run: with `stream_max_retries` it reconnects the WebSocket and re-sends the turn (every turn stays on
 * `GET /v1/responses`); with none left it falls back to HTTP SSE (`POST /v1/responses`) for the rest of the task.
 * The dropped answer is run again upstream (the proxy has nothing to resume it from; the client re-sends the
 * turn), never spliced.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { startBuiltProxy, type BuiltProxy } from '@switchyard/testkit/built-proxy';
import { freePort } from '@switchyard/testkit/ports';
import { startToxiproxy, type ToxiproxyHandle } from '@switchyard/testkit/toxiproxy';
import type { Proxy as ToxiproxyLink } from 'toxiproxy-node-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatDialect } from './chat-dialect.ts';
import { runCodex } from './codex.ts';
import { startScriptedUpstream, type ScriptedUpstream } from './scripted-upstream.ts';

const CLIENT_KEY = ['sk', 'test', 'codex', Math.random().toString(36).slice(2)].join('-');
const UPSTREAM_KEY = ['sk', 'test', 'upstream', Math.random().toString(36).slice(2)].join('-');
const SECRET_WORD = 'osprey';
/** Frames of each scripted answer are this far apart, so the drop lands while the first answer streams. */
const FRAME_DELAY_MS = 150;
/** How long the hop stays down: Codex's reconnects in that window are refused, later ones get through. */
const OUTAGE_MS = 1_500;

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms`);
    await delay(20);
  }
}

/** Successful model requests per route, from the proxy's Prometheus metrics. */
async function requestsByRoute(proxy: BuiltProxy): Promise<Record<string, number>> {
  const response = await fetch(`${proxy.url}/metrics`, {
    headers: { authorization: `Bearer ${CLIENT_KEY}` },
  });
  const counts: Record<string, number> = {};
  for (const match of (await response.text()).matchAll(
    /^switchyard_requests_total\{[^}]*route="([^"]+)",status="200"\} (\d+)/gm,
  ))
    counts[match[1] as string] = Number(match[2]);
  return counts;
}

const RECOVERIES = [
  {
    id: 'reconnect',
    streamMaxRetries: 5,
    says: /Reconnecting\.\.\. \d\/5/,
    // Every turn, the dropped one and its re-send included, went over the WebSocket.
    routes: (routes: Record<string, number>) => {
      expect(routes['GET /v1/responses']).toBeGreaterThanOrEqual(3);
      expect(routes['/v1/responses']).toBeUndefined();
    },
  },
  {
    id: 'http-fallback',
    streamMaxRetries: 0,
    says: /Reconnecting\.\.\. waiting for network/,
    // The dropped turn was the WebSocket's; Codex finished the task over HTTP SSE.
    routes: (routes: Record<string, number>) => {
      expect(routes['GET /v1/responses']).toBe(1);
      expect(routes['/v1/responses']).toBeGreaterThanOrEqual(2);
    },
  },
] as const;

describe.each(RECOVERIES)(
  'Codex (real CLI, websocket) recovers from a dropped connection by $id (toxiproxy in front of the built proxy)',
  (recovery) => {
    const cwd = mkdtempSync(join(tmpdir(), 'sy-codex-drop-'));
    writeFileSync(join(cwd, 'notes.txt'), `The secret word is ${SECRET_WORD}.\n`);
    let upstream: ScriptedUpstream;
    let proxy: BuiltProxy;
    let toxiproxy: ToxiproxyHandle;
    let link: ToxiproxyLink;
    let hopUrl: string;

    beforeAll(async () => {
      upstream = await startScriptedUpstream(
        chatDialect,
        {
          tool: 'exec_command',
          input: { cmd: 'cat notes.txt' },
          answer: (result) => `The note says: ${/secret word is (\w+)/.exec(result)?.[1] ?? '(nothing)'}`,
        },
        { frameDelayMs: FRAME_DELAY_MS },
      );
      proxy = await startBuiltProxy({
        config: {
          auth: { keys: [{ id: 'codex', key: CLIENT_KEY }] },
          controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'sy-clients-data-')) },
          modelPlane: { providers: { deepseek: { baseUrl: upstream.url, keys: [UPSTREAM_KEY] } } },
        },
        env: { PATH: process.env['PATH'] },
      });
      toxiproxy = await startToxiproxy();
      const port = await freePort();
      hopUrl = `http://127.0.0.1:${port}`;
      link = await toxiproxy.client.createProxy({
        name: 'codex_to_proxy',
        listen: `127.0.0.1:${port}`,
        upstream: new URL(proxy.url).host,
      });
    });

    afterAll(async () => {
      await toxiproxy?.stop();
      await proxy?.stop();
      await upstream?.close();
    });

    const setLink = (enabled: boolean) =>
      link.update({ enabled, listen: link.listen, upstream: link.upstream });

    it(`codex-websocket-drop-${recovery.id}: the hop drops mid-answer; Codex recovers, re-sends the turn and completes the task once`, async () => {
      const outage = (async () => {
        // The first turn reached the upstream and its answer is streaming back: take the hop down under it.
        await waitFor(() => upstream.calls.length >= 1, 60_000);
        await delay(FRAME_DELAY_MS * 2);
        await setLink(false);
        const droppedAt = upstream.calls.length;
        await delay(OUTAGE_MS);
        await setLink(true);
        return droppedAt;
      })();
      const result = await runCodex({
        baseUrl: `${hopUrl}/v1`,
        apiKey: CLIENT_KEY,
        model: 'deepseek-chat',
        prompt: 'Run a command to read notes.txt and tell me the secret word.',
        cwd,
        transport: 'websocket',
        streamMaxRetries: recovery.streamMaxRetries,
      });
      const callsWhenDropped = await outage;
      const report = JSON.stringify({ stderr: result.stderr.slice(-2_000), events: result.events });

      expect(upstream.violations.join('\n')).toBe('');
      expect(result.exitCode, report).toBe(0);
      expect(result.finalMessage, report).toContain(SECRET_WORD);
      // The drop hit the first turn before its answer was complete.
      expect(callsWhenDropped).toBe(1);
      // Codex saw the break and took its own recovery path (not ours), on the transport that path uses.
      expect(JSON.stringify(result.events), report).toMatch(recovery.says);
      recovery.routes(await requestsByRoute(proxy));
      // The command ran exactly once: the re-sent turn produced one tool call, not a duplicate execution.
      expect(result.commands.filter((c) => c.command.includes('cat notes.txt'))).toHaveLength(1);
      // Upstream: the dropped first turn, its re-send, and the turn that answers from the tool output.
      const turns = upstream.calls.filter((call) => call.url.endsWith('/chat/completions'));
      expect(turns.length, report).toBeGreaterThanOrEqual(3);
      const last = JSON.stringify(turns.at(-1)?.body);
      expect(last).toContain(`The secret word is ${SECRET_WORD}`);
    });
  },
);
