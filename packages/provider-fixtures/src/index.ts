export {
  PROVIDERS,
  PROVIDER_IDS,
  isProviderId,
  upstreamAuthHeaders,
  type ErrorDialect,
  type ProviderFixture,
  type ProviderId,
  type UpstreamApi,
} from './providers.ts';
export { matchOperation, type UpstreamOperation } from './routes.ts';
export {
  ANSWER_SCENARIOS,
  CHUNK_DELAY_HEADER,
  HTTP_ERROR_SCENARIOS,
  SCENARIO_HEADER,
  STREAM_FAILURE_SCENARIOS,
  isScenarioFor,
  scenariosFor,
  type AnswerScenario,
  type HttpErrorScenario,
  type ScenarioName,
  type StreamFailureScenario,
} from './scenarios.ts';
export {
  FIXTURE_CREATED_AT,
  FIXTURE_GEMINI_THOUGHT_SIGNATURE,
  FIXTURE_IDS,
  FIXTURE_INTERLEAVING,
  FIXTURE_PARALLEL_TOOL_CALLS,
  FIXTURE_REASONING,
  FIXTURE_REASONING_BLOCKS,
  FIXTURE_REASONING_BLOCKS_TEXT,
  FIXTURE_REDACTED_THINKING,
  FIXTURE_TEXT,
  FIXTURE_THINKING_SIGNATURE,
  FIXTURE_TOOL_CALL,
  isToolAnswer,
  usageFor,
  type AnswerKind,
  type FixtureParallelCall,
  type FixtureReasoningBlock,
  type FixtureUsage,
} from './content.ts';
export { FIXTURE_RETRY_AFTER_SECONDS, errorFixture, type ErrorFixture, type ErrorStatus } from './errors.ts';
export { toFixtureRequest, type FixtureRequest, type RawRequest } from './request.ts';
export {
  UpstreamConnectionReset,
  readFixtureBody,
  type FixtureBody,
  type FixtureResponse,
} from './response.ts';
export {
  DEFAULT_CHUNK_DELAY_MS,
  FIXTURE_REJECTION_HEADER,
  SCENARIO_SERVED_HEADER,
  respond,
  type RespondOptions,
} from './respond.ts';
export { createRequestRecorder, type RecordedRequest, type RequestRecorder } from './recorder.ts';
export { formatSseFrame, parseSseFrames, type SseFrame } from './sse.ts';
export {
  mockUpstreamBaseUrl,
  startMockUpstream,
  type MockUpstream,
  type MockUpstreamOptions,
} from './mock-upstream-server.ts';
