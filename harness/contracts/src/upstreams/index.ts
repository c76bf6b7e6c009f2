export * from './base-urls.ts';
export { providerHandlers, type ProviderHandlerOptions } from './provider-handlers.ts';
export { toHttpResponse } from './fixture-response.ts';
