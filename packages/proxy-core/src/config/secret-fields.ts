/**
 * Which configuration fields hold secrets: one definition for everything that must not show one — the config
 * errors (which print values) and the log redaction (which censors every secret the config holds).
 */

/** A field whose string value is a secret: `key`, `apiKey`, `api_key`, `token`, `password`, `x_secret`, … */
const SECRET_FIELD = /(^|_|-)(key|apikey|api_key|token|secret|password|authorization)$/i;
/** A field holding a list of secrets, e.g. `auth.keys` or `providers.<name>.keys`. */
const SECRET_LIST_FIELD = /^(keys|apikeys|api_keys|tokens)$/i;

export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

export function isSecretListField(name: string): boolean {
  return SECRET_LIST_FIELD.test(name);
}
