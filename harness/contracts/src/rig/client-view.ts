import { clientFrames, type ClientFrame, type Dialect } from './dialects.ts';

/** One tool call as the client got it: the id it must answer with, the function, the arguments JSON text. */
export interface ClientToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

/**
 * One block of reasoning as the client got it: its text and the proof the client must hand back (Anthropic's
 * signature or redacted `data`, Responses' `encrypted_content`; '' when the dialect carries none).
 */
export interface ClientReasoningBlock {
  readonly text: string;
  readonly proof: string;
}

/** The answer's content, whichever way it arrived. */
export interface ClientContent {
  readonly text: string;
  readonly reasoningBlocks: readonly ClientReasoningBlock[];
  /** Every call, in order. */
  readonly toolCalls: readonly ClientToolCall[];
}

/** What a client of any dialect got, normalised so one table can state the expectation. */
export interface ClientView extends ClientContent {
  /** The text of every reasoning block, joined. */
  readonly reasoning: string;
  /** The dialect's own word: chat `finish_reason`, Responses `status`, Anthropic `stop_reason`. */
  readonly finish: string | undefined;
  readonly usage: Readonly<Record<string, unknown>> | undefined;
  /** Streamed: the frame kinds in order, runs of the same kind collapsed. Not streamed: []. */
  readonly events: readonly string[];
  /**
   * A Responses stream states its answer twice: event by event (this view) and whole in its terminal event (this
   * field). Undefined elsewhere.
   */
  readonly terminal?: ClientContent;
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});
const arr = (value: unknown): Json[] => (Array.isArray(value) ? value.map(obj) : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function view(content: ClientContent, rest: Omit<ClientView, keyof ClientContent | 'reasoning'>): ClientView {
  return { ...content, reasoning: content.reasoningBlocks.map((block) => block.text).join(''), ...rest };
}

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
    const reasoning = str(message['reasoning_content']);
    const toolCalls = arr(message['tool_calls']).map((call) => ({
      id: str(call['id']),
      name: str(obj(call['function'])['name']),
      arguments: str(obj(call['function'])['arguments']),
    }));
    const reasoningBlocks = reasoning === '' ? [] : [{ text: reasoning, proof: '' }];
    return view(
      { text: str(message['content']), reasoningBlocks, toolCalls },
      { finish: str(choice['finish_reason']), usage: obj(body['usage']), events: [] },
    );
  }
  if (dialect === 'openai-responses') {
    return view(responseContent(body), {
      finish: str(body['status']),
      usage: obj(body['usage']),
      events: [],
    });
  }
  return view(messageContent(arr(body['content'])), {
    finish: str(body['stop_reason']),
    usage: obj(body['usage']),
    events: [],
  });
}

/** Anthropic content blocks: text, thinking (signed), redacted_thinking (its data is the proof), tool_use. */
function messageContent(blocks: readonly Json[]): ClientContent {
  return {
    text: blocks.map((block) => (block['type'] === 'text' ? str(block['text']) : '')).join(''),
    reasoningBlocks: blocks.flatMap((block) => {
      if (block['type'] === 'thinking')
        return [{ text: str(block['thinking']), proof: str(block['signature']) }];
      if (block['type'] === 'redacted_thinking') return [{ text: '', proof: str(block['data']) }];
      return [];
    }),
    toolCalls: blocks
      .filter((block) => block['type'] === 'tool_use')
      .map((block) => ({
        id: str(block['id']),
        name: str(block['name']),
        // Streamed, the arguments are the concatenated partial_json; whole, the parsed input.
        arguments: typeof block['input'] === 'string' ? block['input'] : JSON.stringify(block['input']),
      })),
  };
}

/** A Responses object's output items: messages, reasoning items (summary and content text), function calls. */
function responseContent(response: Json): ClientContent {
  const output = arr(response['output']);
  const texts = (item: Json, field: string, type: string) =>
    arr(item[field])
      .filter((part) => part['type'] === type)
      .map((part) => str(part['text']))
      .join('');
  return {
    text: output
      .filter((item) => item['type'] === 'message')
      .map((item) => texts(item, 'content', 'output_text'))
      .join(''),
    reasoningBlocks: output
      .filter((item) => item['type'] === 'reasoning')
      .map((item) => ({
        text: texts(item, 'summary', 'summary_text') + texts(item, 'content', 'reasoning_text'),
        proof: str(item['encrypted_content']),
      })),
    toolCalls: output
      .filter((item) => item['type'] === 'function_call')
      .map((item) => ({
        id: str(item['call_id']),
        name: str(item['name']),
        arguments: str(item['arguments']),
      })),
  };
}

function collapse(kinds: readonly string[]): string[] {
  return kinds.filter((kind, index) => kind !== kinds[index - 1]);
}

/** Chat deltas address tool calls by `index`: the first fragment of a call brings its id and name. */
function readChatStream(frames: readonly ClientFrame[]): ClientView {
  let text = '';
  let reasoning = '';
  let finish: string | undefined;
  let usage: Json | undefined;
  const calls: { id: string; name: string; arguments: string }[] = [];
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
    const fragments = arr(delta['tool_calls']);
    for (const fragment of fragments) {
      const index = typeof fragment['index'] === 'number' ? fragment['index'] : -1;
      const call = (calls[index] ??= { id: '', name: '', arguments: '' });
      call.id += str(fragment['id']);
      call.name += str(obj(fragment['function'])['name']);
      call.arguments += str(obj(fragment['function'])['arguments']);
    }
    if (fragments.length > 0) return 'tool_call';
    reasoning += str(delta['reasoning_content']);
    text += str(delta['content']);
    if (delta['role'] !== undefined) return 'role';
    return delta['reasoning_content'] === undefined ? 'content' : 'reasoning';
  });
  const reasoningBlocks = reasoning === '' ? [] : [{ text: reasoning, proof: '' }];
  // A hole (an index never sent) stays visible as an empty call rather than being skipped.
  const toolCalls = Array.from(
    calls,
    (call: ClientToolCall | undefined) => call ?? { id: '', name: '', arguments: '' },
  );
  return view({ text, reasoningBlocks, toolCalls }, { finish, usage, events: collapse(kinds) });
}

interface OpenItem {
  type: string;
  text: string;
  proof: string;
  id: string;
  name: string;
  arguments: string;
}

/**
 * Responses events address items by `output_index` (and `item_id`): deltas fill the item `output_item.added`
 * opened; `output_item.done` brings what only it carries (encrypted_content).
 */
function readResponsesStream(frames: readonly ClientFrame[]): ClientView {
  const events = collapse(frames.map((frame) => frame.event));
  const items: OpenItem[] = [];
  let terminalResponse: Json | undefined;
  for (const { event, data } of frames) {
    const index = typeof data['output_index'] === 'number' ? data['output_index'] : -1;
    const item = items[index];
    if (event === 'response.output_item.added') {
      const added = obj(data['item']);
      items[index] = {
        type: str(added['type']),
        text: '',
        proof: '',
        id: str(added['call_id']),
        name: str(added['name']),
        arguments: '',
      };
    } else if (item !== undefined) {
      if (
        event === 'response.output_text.delta' ||
        event === 'response.reasoning_summary_text.delta' ||
        event === 'response.reasoning_text.delta'
      ) {
        item.text += str(data['delta']);
      }
      if (event === 'response.function_call_arguments.delta') item.arguments += str(data['delta']);
      if (event === 'response.output_item.done') item.proof = str(obj(data['item'])['encrypted_content']);
    }
    if (['response.completed', 'response.incomplete', 'response.failed'].includes(event)) {
      terminalResponse = obj(data['response']);
    }
  }
  const ofType = (type: string) => items.filter((item) => item.type === type);
  const content: ClientContent = {
    text: ofType('message')
      .map((item) => item.text)
      .join(''),
    reasoningBlocks: ofType('reasoning').map(({ text, proof }) => ({ text, proof })),
    toolCalls: ofType('function_call').map(({ id, name, arguments: args }) => ({
      id,
      name,
      arguments: args,
    })),
  };
  return view(content, {
    finish: terminalResponse === undefined ? undefined : str(terminalResponse['status']),
    usage: terminalResponse === undefined ? undefined : obj(terminalResponse['usage']),
    events,
    ...(terminalResponse === undefined ? {} : { terminal: responseContent(terminalResponse) }),
  });
}

/** Messages blocks are addressed by `index`: a start opens one, deltas extend it, in any order of indices. */
function readMessagesStream(frames: readonly ClientFrame[]): ClientView {
  let finish: string | undefined;
  let usage: Json = {};
  const blocks: Json[] = [];
  for (const { event, data } of frames) {
    const index = typeof data['index'] === 'number' ? data['index'] : -1;
    if (event === 'message_start') usage = { ...obj(obj(data['message'])['usage']) };
    if (event === 'content_block_start') {
      const start = obj(data['content_block']);
      blocks[index] = start['type'] === 'tool_use' ? { ...start, input: '' } : { ...start };
    }
    const block = blocks[index];
    if (event === 'content_block_delta' && block !== undefined) {
      const delta = obj(data['delta']);
      const append = (field: string, piece: unknown) => (block[field] = str(block[field]) + str(piece));
      if (delta['type'] === 'text_delta') append('text', delta['text']);
      if (delta['type'] === 'thinking_delta') append('thinking', delta['thinking']);
      if (delta['type'] === 'signature_delta') append('signature', delta['signature']);
      if (delta['type'] === 'input_json_delta') append('input', delta['partial_json']);
    }
    if (event === 'message_delta') {
      finish = str(obj(data['delta'])['stop_reason']);
      usage = { ...usage, ...obj(data['usage']) };
    }
  }
  return view(messageContent(blocks), {
    finish,
    usage,
    events: collapse(frames.map((frame) => frame.event)),
  });
}
