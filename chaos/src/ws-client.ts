/** A Responses WebSocket-mode client on Node's global WebSocket, with every wait bounded. */

export interface WsEvent {
  readonly type: string;
  readonly [field: string]: unknown;
}

export interface WsClient {
  send(event: Record<string, unknown>): void;
  /** The next server event; undefined once the socket closed. Rejects after `timeoutMs`. */
  next(timeoutMs: number): Promise<WsEvent | undefined>;
  /** Resolves with the close code when the socket closes, whoever closed it. */
  readonly closed: Promise<number>;
  close(): void;
}

export async function connectWs(url: string, timeoutMs: number): Promise<WsClient> {
  const socket = new WebSocket(url);
  const queue: WsEvent[] = [];
  let wake: (() => void) | undefined;
  let isClosed = false;
  const closed = new Promise<number>((resolve) => {
    socket.addEventListener('close', (event) => {
      isClosed = true;
      wake?.();
      resolve(event.code);
    });
  });
  socket.addEventListener('message', (event) => {
    queue.push(JSON.parse(String(event.data)) as WsEvent);
    wake?.();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`WebSocket ${url} not open after ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.addEventListener('open', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.addEventListener('error', () => {
      clearTimeout(timer);
      reject(new Error(`WebSocket ${url} failed to open`));
    });
  });
  return {
    send: (event) => socket.send(JSON.stringify(event)),
    async next(waitMs) {
      const deadline = Date.now() + waitMs;
      while (queue.length === 0 && !isClosed) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no WebSocket event within ${waitMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
      return queue.shift();
    },
    closed,
    close: () => socket.close(),
  };
}

/** Reads events until `stop` matches (included) or the socket closes; bounded in count and per-event time. */
export async function readWsUntil(
  client: WsClient,
  stop: (event: WsEvent) => boolean,
  eventTimeoutMs: number,
  maxEvents = 500,
): Promise<WsEvent[]> {
  const events: WsEvent[] = [];
  for (let i = 0; i < maxEvents; i += 1) {
    const event = await client.next(eventTimeoutMs);
    if (event === undefined) return events;
    events.push(event);
    if (stop(event)) return events;
  }
  throw new Error(`socket still open after ${maxEvents} events`);
}
