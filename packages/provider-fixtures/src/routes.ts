import { PROVIDERS, type ProviderId, type UpstreamApi } from './providers.ts';

/** What a request path asks a provider for. Gemini carries the model and the streaming choice in the path. */
export type UpstreamOperation =
  | { readonly api: Exclude<UpstreamApi, 'gemini'> }
  | {
      readonly api: 'gemini';
      readonly model: string;
      readonly method: 'generateContent' | 'streamGenerateContent';
    };

const GEMINI_MODEL_ACTION = /^\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

/**
 * Maps a path (starting with the provider's base path, e.g. `/v1/responses`) to an operation, or
 * `undefined` when the provider has no such endpoint. Both servers route with this, so an unknown
 * path is unmocked in MSW (a hard failure) and a 404 on the loopback server.
 */
export function matchOperation(provider: ProviderId, pathname: string): UpstreamOperation | undefined {
  const fixture = PROVIDERS[provider];
  if (!pathname.startsWith(`${fixture.basePath}/`)) return undefined;
  const rest = pathname.slice(fixture.basePath.length);
  for (const api of fixture.apis) {
    if (api === 'openai-responses' && rest === '/responses') return { api };
    if (api === 'openai-chat' && rest === '/chat/completions') return { api };
    if (api === 'anthropic-messages' && rest === '/messages') return { api };
    if (api === 'gemini') {
      const match = GEMINI_MODEL_ACTION.exec(rest);
      const [, model, method] = match ?? [];
      if (model !== undefined && (method === 'generateContent' || method === 'streamGenerateContent')) {
        return { api, model: decodeURIComponent(model), method };
      }
    }
  }
  return undefined;
}
