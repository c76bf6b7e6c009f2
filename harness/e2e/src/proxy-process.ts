/**
 * Runs the BUILT proxy as a real process on a free port with a config file, the way an operator would:
 * `node dist/bin/switchyard.js serve --port P --config FILE`.
 */
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBuiltProxyWithConfigFile } from '@switchyard/testkit/built-proxy';
import type { RunningService } from '@switchyard/testkit/processes';

export interface ProxyProcess {
  readonly url: string;
  readonly service: RunningService;
  /** SIGKILL: no shutdown hook runs, exactly like a crash. */
  kill9(): Promise<void>;
}

/** Writes the config as JSON (a YAML subset the loader accepts) into `dir`. */
export function writeConfig(dir: string, name: string, config: Record<string, unknown>): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

export async function startProxy(configFile: string): Promise<ProxyProcess> {
  const { url, service } = await startBuiltProxyWithConfigFile(configFile);
  return {
    url,
    service,
    async kill9() {
      if (service.child.exitCode !== null || service.child.signalCode !== null) return;
      const exited = once(service.child, 'exit');
      service.child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface JsonReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonReply> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<JsonReply> {
  const response = await fetch(url, { headers });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** Polls the session's status until `check` holds (fails after `timeoutMs`; no speed is asserted). */
export async function waitForStatus(
  url: string,
  sessionId: string,
  check: (status: Record<string, unknown>) => boolean,
  timeoutMs = 10_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await get(`${url}/status?session_id=${encodeURIComponent(sessionId)}`);
    if (check(body)) return body;
    if (Date.now() > deadline) throw new Error(`status never matched; last: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One `/events` frame with an id: the event id, its type and its JSON data. */
export interface EventFrame {
  readonly id: number;
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/** Reads `/events` until `done` holds for the events (frames with an id) so far; returns them. */
export async function readEvents(
  url: string,
  headers: Record<string, string>,
  done: (events: readonly EventFrame[]) => boolean,
  timeoutMs = 10_000,
): Promise<EventFrame[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: EventFrame[] = [];
  try {
    const response = await fetch(url, { headers, signal: controller.signal });
    if (response.body === null) throw new Error(`no event stream: ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      for (let split = buffer.indexOf('\n\n'); split !== -1; split = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, split);
        buffer = buffer.slice(split + 2);
        const id = /^id: (\d+)$/m.exec(block)?.[1];
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (id !== undefined && event !== undefined)
          events.push({
            id: Number(id),
            event,
            data: data === undefined ? {} : (JSON.parse(data) as Record<string, unknown>),
          });
      }
      if (done(events)) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}
