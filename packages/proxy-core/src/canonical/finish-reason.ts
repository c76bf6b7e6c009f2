/**
 * Why generation stopped, independent of dialect. Encoders map these to `finish_reason` (chat),
 * `status`/`incomplete_details` (Responses) and `stop_reason` (Anthropic).
 */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';
