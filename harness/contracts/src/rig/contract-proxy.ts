import {
  createRequestRecorder,
  type RequestRecorder,
  type ScenarioName,
} from '@switchyard/provider-fixtures';
import { createServer } from '@switchyard/proxy-core';
import type { RequestHandler } from 'msw';
import type { SetupServer } from 'msw/node';
import { createContractServer, listenStrict } from '../msw-server.ts';
import { PROVIDER_BASE_URLS, providerHandlers } from '../upstreams/index.ts';
import { CLIENT_KEY, proxyConfig, type ProxyConfigOptions } from './proxy-config.ts';

export interface ClientReply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/**
 * proxy-core listening on loopback with all six providers at their real base URLs, and MSW (strict,
 * `onUnhandledFrame: 'error'`) answering those URLs from the shared fixtures. Clients reach the proxy
 * through the loopback passthrough; the proxy's upstream calls are intercepted and recorded.
 */
export interface ContractProxy {
  readonly url: string;
  readonly recorder: RequestRecorder;
  /** Every upstream call until the next `useScenario` gets this scenario (undefined: plain or streamed). */
  useScenario(scenario: ScenarioName | undefined): void;
  post(path: string, body: unknown, headers?: Readonly<Record<string, string>>): Promise<ClientReply>;
  close(): Promise<void>;
}

export interface ContractProxyOptions extends Pick<ProxyConfigOptions, 'mock'> {
  /** Upstream endpoints the shared fixtures do not serve (e.g. OpenAI's `/responses/compact`), matched first. */
  readonly handlers?: readonly RequestHandler[];
}

export async function startContractProxy(options: ContractProxyOptions = {}): Promise<ContractProxy> {
  const recorder = createRequestRecorder();
  let scenario: ScenarioName | undefined;
  const msw: SetupServer = createContractServer(
    ...(options.handlers ?? []),
    ...providerHandlers(recorder, { scenario: () => scenario }),
  );
  listenStrict(msw);
  const server = await createServer(
    proxyConfig({
      baseUrls: PROVIDER_BASE_URLS,
      ...(options.mock === undefined ? {} : { mock: options.mock }),
    }),
  );
  const url = await server.listen();
  return {
    url,
    recorder,
    useScenario(next) {
      scenario = next;
    },
    async post(path, body, headers = {}) {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${CLIENT_KEY}`, ...headers },
        body: JSON.stringify(body),
      });
      return { status: response.status, headers: response.headers, text: await response.text() };
    },
    async close() {
      await server.close();
      msw.close();
    },
  };
}
