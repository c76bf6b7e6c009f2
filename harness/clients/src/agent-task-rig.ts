/**
 * One agent task, ready to run: a project directory with a note holding a secret word, a scripted upstream in a
 * provider's wire format that asks the agent to use one of its tools on the note and then answers from the
 * tool's result, and the built proxy in front of it with that provider configured.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltProxy, type BuiltProxy } from '@switchyard/testkit/built-proxy';
import { startScriptedUpstream, type ScriptedUpstream, type UpstreamDialect } from './scripted-upstream.ts';

export const SECRET_WORD = 'pelican';

export interface AgentTaskRig {
  /** The agent's working directory and the note in it. */
  readonly dir: string;
  readonly notes: string;
  readonly upstream: ScriptedUpstream;
  readonly proxy: BuiltProxy;
  /** The client key the agent presents, and the upstream key the proxy sends (built at run time). */
  readonly clientKey: string;
  readonly upstreamKey: string;
  stop(): Promise<void>;
}

export interface AgentTask {
  readonly dialect: UpstreamDialect;
  /** The proxy's provider the upstream stands for (its `baseUrl` points at the scripted upstream). */
  readonly provider: string;
  /** The tool the model asks for, by the agent's own tool name, and its input given the note's path. */
  readonly tool: string;
  readonly input: (notes: string) => Record<string, unknown>;
}

const runtimeKey = (label: string): string =>
  ['sk', 'test', label, Math.random().toString(36).slice(2)].join('-');

export async function startAgentTaskRig(task: AgentTask): Promise<AgentTaskRig> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-agent-project-'));
  const notes = join(dir, 'notes.txt');
  writeFileSync(notes, `The secret word is ${SECRET_WORD}.\n`);
  const clientKey = runtimeKey('client');
  const upstreamKey = runtimeKey('upstream');
  const upstream = await startScriptedUpstream(task.dialect, {
    tool: task.tool,
    input: task.input(notes),
    answer: (result) => `The note says: ${/secret word is (\w+)/.exec(result)?.[1] ?? '(nothing)'}`,
  });
  const proxy = await startBuiltProxy({
    config: {
      auth: { keys: [{ id: 'agent', key: clientKey }] },
      controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'sy-clients-data-')) },
      modelPlane: { providers: { [task.provider]: { baseUrl: upstream.url, keys: [upstreamKey] } } },
    },
    // No provider keys from the developer's environment: only the scripted upstream may answer.
    env: { PATH: process.env['PATH'] },
  });
  return {
    dir,
    notes,
    upstream,
    proxy,
    clientKey,
    upstreamKey,
    async stop() {
      await proxy.stop();
      await upstream.close();
    },
  };
}
