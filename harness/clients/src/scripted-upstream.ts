/**
 * A loopback upstream that plays a two-step agent task — ask for a tool, then answer from its result — in one
 * provider's wire format, records every request, and refuses (400, in that provider's shape) a request that
 * breaks a rule the real provider enforces. Our own fixtures agreeing with our own code proves nothing; the
 * rules here are the providers' documented ones (shared/reference/clients.md, "Provider rules").
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

/** What the wire format decides: what to answer, and which rule a request broke (if any). */
export interface UpstreamDialect {
  /** The documented rule the request breaks, or undefined. */
  violation(body: Record<string, unknown>): string | undefined;
  /** The tool result text in the last turn, or undefined when the task has not asked for the tool yet. */
  toolResult(body: Record<string, unknown>): string | undefined;
  /** SSE frames of an answer that calls `tool` with `input`. */
  toolCall(body: Record<string, unknown>, tool: string, input: Record<string, unknown>): string[];
  /** SSE frames of a final text answer. */
  text(body: Record<string, unknown>, text: string): string[];
  errorBody(message: string): unknown;
}

export interface ScriptedTask {
  /** The tool the model asks for first, by the client's tool name, and its input. */
  readonly tool: string;
  readonly input: Record<string, unknown>;
  /** The final answer, built from the tool's result. */
  answer(toolResult: string): string;
}

export interface UpstreamPacing {
  /** Pause before each SSE frame, so a fault can land while an answer is still streaming. */
  readonly frameDelayMs: number;
}

export interface ScriptedUpstream {
  readonly url: string;
  readonly calls: RecordedCall[];
  /** Requests refused for breaking a provider rule, with the rule. */
  readonly violations: string[];
  close(): Promise<void>;
}

async function writeFrames(
  response: ServerResponse,
  frames: readonly string[],
  pacing: UpstreamPacing | undefined,
): Promise<void> {
  for (const frame of frames) {
    if (pacing !== undefined) await delay(pacing.frameDelayMs);
    if (response.destroyed) return;
    response.write(frame);
  }
  response.end();
}

export async function startScriptedUpstream(
  dialect: UpstreamDialect,
  task: ScriptedTask,
  pacing?: UpstreamPacing,
): Promise<ScriptedUpstream> {
  const calls: RecordedCall[] = [];
  const violations: string[] = [];
  const server: Server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>;
      } catch {
        body = {};
      }
      calls.push({ url: request.url ?? '', headers: request.headers, body });
      const broken = dialect.violation(body);
      if (broken !== undefined) {
        violations.push(broken);
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end(JSON.stringify(dialect.errorBody(broken)));
        return;
      }
      const result = dialect.toolResult(body);
      const frames =
        result === undefined
          ? dialect.toolCall(body, task.tool, task.input)
          : dialect.text(body, task.answer(result));
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      void writeFrames(response, frames, pacing);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    violations,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
