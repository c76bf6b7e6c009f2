import { clientFrames, type ClientFrame, type Dialect } from './dialects.ts';

/** What a client of any dialect got, normalised so one table can state the expectation. */
export interface ClientView {
  readonly text: string;
  readonly reasoning: string;
  readonly toolCall: { readonly name: string; readonly arguments: string } | undefined;
  /** The dialect's own word: chat `finish_reason`, Responses `status`, Anthropic `stop_reason`. */
  readonly finish: string | undefined;
  readonly usage: Readonly<Record<string, unknown>> | undefined;
  /** Streamed: the frame kinds in order, runs of the same kind collapsed. Not streamed: []. */
  readonly events: readonly string[];
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});
const arr = (value: unknown): Json[] => (Array.isArray(value) ? value.map(obj) : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export function readClientView(dialect: Dialect, stream: boolean, body: string): ClientView {
  if (!stream) return readJson(dialect, JSON.parse(body) as Json);
  const frames = clientFrames(body);
  if (dialect === 'openai-chat') return readChatStream(frames);
  if (dialect === 'openai-responses') return readResponsesStream(frames);
  return readMessagesStream(frames);
}

function readJson(dialect: Dialect, body: Json): ClientView {
  if (dialect === 'openai-chat') {
    const choice = arr(body['choices'])[0] ?? {};
    const message = obj(choice['message']);
    const call = arr(message['tool_calls'])[0];
    return {
      text: str(message['content']),
      reasoning: str(message['reasoning_content']),
      toolCall: call && {
        name: str(obj(call['function'])['name']),
        arguments: str(obj(call['function'])['arguments']),
      },
      finish: str(choice['finish_reason']),
      usage: obj(body['usage']),
      events: [],
    };
  }
  if (dialect === 'openai-responses') return readResponse(body, []);
  const blocks = arr(body['content']);
  const tool = blocks.find((block) => block['type'] === 'tool_use');
  return {
    text: blocks.map((block) => str(block['text'])).join(''),
    reasoning: blocks.map((block) => str(block['thinking'])).join(''),
    toolCall: tool && { name: str(tool['name']), arguments: JSON.stringify(tool['input']) },
    finish: str(body['stop_reason']),
    usage: obj(body['usage']),
    events: [],
  };
}

function readResponse(response: Json, events: readonly string[]): ClientView {
  const output = arr(response['output']);
  const call = output.find((item) => item['type'] === 'function_call');
  const parts = (type: string, field: string) =>
    output.flatMap((item) =>
      arr(item[field])
        .filter((part) => part['type'] === type)
        .map((part) => str(part['text'])),
    );
  return {
    text: parts('output_text', 'content').join(''),
    reasoning: [...parts('summary_text', 'summary'), ...parts('reasoning_text', 'content')].join(''),
    toolCall: call && { name: str(call['name']), arguments: str(call['arguments']) },
    finish: str(response['status']),
    usage: obj(response['usage']),
    events,
  };
}

function collapse(kinds: readonly string[]): string[] {
  return kinds.filter((kind, index) => kind !== kinds[index - 1]);
}

function readChatStream(frames: readonly ClientFrame[]): ClientView {
  let text = '';
  let reasoning = '';
  let finish: string | undefined;
  let usage: Json | undefined;
  let name = '';
  let args = '';
  const kinds = frames.map((frame) => {
    if (frame.event === '[DONE]') return '[DONE]';
    if (frame.data['error'] !== undefined) return 'error';
    const choice = arr(frame.data['choices'])[0];
    if (choice === undefined) {
      usage = obj(frame.data['usage']);
      return 'usage';
    }
    const delta = obj(choice['delta']);
    if (typeof choice['finish_reason'] === 'string') {
      finish = choice['finish_reason'];
      return 'finish';
    }
    const call = arr(delta['tool_calls'])[0];
    if (call !== undefined) {
      name += str(obj(call['function'])['name']);
      args += str(obj(call['function'])['arguments']);
      return 'tool_call';
    }
    reasoning += str(delta['reasoning_content']);
    text += str(delta['content']);
    if (delta['role'] !== undefined) return 'role';
    return delta['reasoning_content'] === undefined ? 'content' : 'reasoning';
  });
  const toolCall = name === '' ? undefined : { name, arguments: args };
  return { text, reasoning, toolCall, finish, usage, events: collapse(kinds) };
}

function readResponsesStream(frames: readonly ClientFrame[]): ClientView {
  const events = collapse(frames.map((frame) => frame.event));
  const terminal = frames.find((frame) =>
    ['response.completed', 'response.incomplete', 'response.failed'].includes(frame.event),
  );
  if (terminal !== undefined) return readResponse(obj(terminal.data['response']), events);
  const deltas = frames.filter((frame) => frame.event === 'response.output_text.delta');
  const text = deltas.map((frame) => str(frame.data['delta'])).join('');
  return { text, reasoning: '', toolCall: undefined, finish: undefined, usage: undefined, events };
}

function readMessagesStream(frames: readonly ClientFrame[]): ClientView {
  let text = '';
  let reasoning = '';
  let finish: string | undefined;
  let usage: Json = {};
  let name = '';
  let args = '';
  for (const { event, data } of frames) {
    if (event === 'message_start') usage = { ...obj(obj(data['message'])['usage']) };
    if (event === 'content_block_start' && obj(data['content_block'])['type'] === 'tool_use') {
      name = str(obj(data['content_block'])['name']);
    }
    if (event === 'content_block_delta') {
      const delta = obj(data['delta']);
      text += str(delta['text']);
      reasoning += str(delta['thinking']);
      args += str(delta['partial_json']);
    }
    if (event === 'message_delta') {
      finish = str(obj(data['delta'])['stop_reason']);
      usage = { ...usage, ...obj(data['usage']) };
    }
  }
  const toolCall = name === '' ? undefined : { name, arguments: args };
  return { text, reasoning, toolCall, finish, usage, events: collapse(frames.map((frame) => frame.event)) };
}
