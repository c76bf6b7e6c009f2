/**
 * Requests fetch will not send: a forged `Host` header, and a WebSocket upgrade whose answer we want to
 * see whole (a refused upgrade is an ordinary HTTP response; an accepted one is 101).
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** True when the server switched protocols (101): the upgrade went through. */
  readonly upgraded: boolean;
}

export interface RawRequest {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Send the WebSocket handshake headers. */
  readonly upgrade?: boolean;
}

export function rawRequest(url: string, options: RawRequest = {}): Promise<RawAnswer> {
  const handshake: Record<string, string> = options.upgrade
    ? {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
      }
    : {};
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: options.method ?? 'GET',
      headers: { ...handshake, ...options.headers },
      timeout: 10_000,
    });
    req.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode ?? 0, headers: response.headers, body: '', upgraded: true });
    });
    req.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, upgraded: false }),
      );
      response.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} in 10 s`)));
    req.on('error', reject);
    req.end(options.body);
  });
}
