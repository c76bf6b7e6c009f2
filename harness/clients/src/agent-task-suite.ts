/**
 * One agent task per describe block: the rig started and the agent CLI run once before the block's tests, the
 * upstream's model requests (those to `path`) kept as the task's turns, the rig stopped after.
 */
import { afterAll, beforeAll } from 'vitest';
import { startAgentTaskRig, type AgentTask, type AgentTaskRig } from './agent-task-rig.ts';
import type { RecordedCall } from './scripted-upstream.ts';

/**
 * The whole agent run happens in the hook, so it needs the run's own bound (`agent-cli.ts`: 120 s per CLI process)
 * plus the rig's start-up, not vitest's 10 s hook default: a CLI's cold start on a loaded 2-core machine took longer.
 */
const AGENT_RUN_HOOK_TIMEOUT_MS = 150_000;

export interface AgentTaskState<R> {
  rig?: AgentTaskRig;
  result?: R;
  turns: RecordedCall[];
}

export function agentTaskSuite<R>(
  task: AgentTask,
  path: string,
  run: (rig: AgentTaskRig) => Promise<R>,
): AgentTaskState<R> {
  const state: AgentTaskState<R> = { turns: [] };
  beforeAll(async () => {
    state.rig = await startAgentTaskRig(task);
    state.result = await run(state.rig);
    state.turns = state.rig.upstream.calls.filter((call) => call.url.endsWith(path));
  }, AGENT_RUN_HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await state.rig?.stop();
  });
  return state;
}
