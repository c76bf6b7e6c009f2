/**
 * Structural redaction at the logger: pino `redact` paths for the credential headers wherever a request or
 * headers object is logged. The textual layer — every finished line passes the server's SecretScrubber — is
 * wired in `logger.ts`.
 */
const CREDENTIAL_HEADERS = ['authorization', 'x-api-key', 'x-goog-api-key', 'proxy-authorization', 'cookie'];

export const REDACT_PATHS: readonly string[] = CREDENTIAL_HEADERS.flatMap((name) => [
  `req.headers["${name}"]`,
  `headers["${name}"]`,
  `request.headers["${name}"]`,
  `res.headers["${name}"]`,
]);
