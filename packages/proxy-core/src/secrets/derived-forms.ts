/**
 * The forms a secret takes once it has travelled: what an upstream echoes in an error, what a client library
 * encodes into a header, what a log line escapes. The scrubber looks for all of them, not only the literal.
 */

/** Shorter values would censor ordinary words; real keys are long. */
export const MIN_SECRET_LENGTH = 8;
/** A run of this many characters of a key's random part identifies it (issue 11: "any 8+ character run"). */
export const RUN_LENGTH = 8;

/**
 * The key without its vendor prefix (`sk-`, `sk-proj-`, `sk-test-canary-`): alphabetic segments ending in `-`
 * or `_` are shared by every key of a vendor, so runs that include them would censor other keys' prefixes and
 * prove nothing. What remains is the part that is secret. A key made only of such words (`up-openai-test-key`)
 * has none: its runs would be ordinary words (`anthropi`), so it is censored whole and only whole.
 */
export function randomPart(secret: string): string {
  const rest = secret.replace(/^(?:[A-Za-z]{1,12}[-_])+/, '');
  return rest.length >= RUN_LENGTH ? rest : '';
}

function base64Forms(text: string): string[] {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  return [encoded, encoded.replace(/=+$/, ''), Buffer.from(text, 'utf8').toString('base64url')];
}

/**
 * The base64 characters that encode `secret` wherever it sits inside a longer encoded text: for each of the
 * three byte alignments, only the 4-character groups made of the secret's bytes alone (the edges depend on
 * the neighbours). Finds the key inside e.g. base64 of `Authorization: Bearer <key>` or of a whole JSON body.
 */
function embeddedBase64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift += 1) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const fullGroups = Math.floor(padded.length / 3);
    const firstGroup = shift === 0 ? 0 : 1;
    if (fullGroups - firstGroup < 2) continue;
    const encoded = padded.toString('base64');
    const core = encoded.slice(firstGroup * 4, fullGroups * 4);
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/**
 * Every literal string that betrays `secret`: itself, JSON-escaped, URL-encoded, base64 (and base64url) of the
 * key, of `Bearer <key>` and of Basic-auth pairs, base64 runs of it inside longer encoded text, and every
 * {@link RUN_LENGTH}-character run of its random part (which also catches prefix/suffix-truncated forms).
 */
export function derivedForms(secret: string): Set<string> {
  const forms = new Set<string>([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  for (const text of [secret, `Bearer ${secret}`, `${secret}:`, `:${secret}`]) {
    for (const form of base64Forms(text)) forms.add(form);
  }
  for (const core of embeddedBase64Cores(secret)) forms.add(core);
  const random = randomPart(secret);
  for (let start = 0; start + RUN_LENGTH <= random.length; start += 1) {
    forms.add(random.slice(start, start + RUN_LENGTH));
  }
  return forms;
}
