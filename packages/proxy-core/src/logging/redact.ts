/**
 * Redaction at the logger, two layers deep:
 *  1. structural: pino `redact` paths for the credential headers wherever a request or headers
 *     object is logged;
 *  2. textual: every finished log line is scrubbed of `key=`/`token=` query values and of the literal
 *     secrets this server knows (client keys, upstream keys found in the config), so a secret that
 *     slips into a message or an error text is still censored.
 */
import { isSecretField, isSecretListField } from '../config/secret-fields.ts';

export const CENSOR = '[REDACTED]';

const CREDENTIAL_HEADERS = ['authorization', 'x-api-key', 'x-goog-api-key', 'proxy-authorization', 'cookie'];

export const REDACT_PATHS: readonly string[] = CREDENTIAL_HEADERS.flatMap((name) => [
  `req.headers["${name}"]`,
  `headers["${name}"]`,
  `request.headers["${name}"]`,
  `res.headers["${name}"]`,
]);

/** `key`, `token`, `api_key`, `access_token`, `auth_token`… as query parameters. */
const QUERY_SECRET = /([?&](?:[\w-]*key|[\w-]*token))=[^&\s"'#]*/gi;

export function redactQuery(text: string): string {
  return text.replace(QUERY_SECRET, `$1=${CENSOR}`);
}

/** Short values would censor ordinary words; real secrets are long. */
const MIN_SECRET_LENGTH = 8;

/** Every secret-looking string value in a config tree (client keys, upstream provider keys). */
export function collectSecrets(tree: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(tree)) {
    for (const item of tree) collectSecrets(item, found);
  } else if (tree !== null && typeof tree === 'object') {
    for (const [field, value] of Object.entries(tree)) {
      if (typeof value === 'string' && isSecretField(field) && value.length >= MIN_SECRET_LENGTH) {
        found.add(value);
      } else if (Array.isArray(value) && isSecretListField(field)) {
        // `providers.<name>.keys: [...]`: a list of bare key strings (client keys are `{id, key}` objects).
        for (const item of value) {
          if (typeof item === 'string' && item.length >= MIN_SECRET_LENGTH) found.add(item);
          else collectSecrets(item, found);
        }
      } else {
        collectSecrets(value, found);
      }
    }
  }
  return found;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A line scrubber for the given literal secrets (JSON-escaped forms included). */
export function lineScrubber(secrets: Iterable<string>): (line: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  const literal =
    forms.size === 0
      ? undefined
      : new RegExp(
          [...forms]
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|'),
          'g',
        );
  return (line) => {
    const withoutQuery = redactQuery(line);
    return literal === undefined ? withoutQuery : withoutQuery.replace(literal, CENSOR);
  };
}
