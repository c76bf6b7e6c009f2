import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomPart } from './derived-forms.ts';
import { survivingRun } from './testing/surviving-run.ts';
import { CENSOR, SecretScrubber } from './secret-scrubber.ts';

/** Assembled at run time so no key-shaped literal sits in the repository. */
const KEY = ['sk', 'proj', 'T3stK3yZq8Xw2Lr5Tn9Vb4Kp7Hc6Jd1Mf0'].join('-');
const OTHER = ['sk', 'ant', 'api03', 'Yy7Uu6Ii5Oo4Pp3Aa2Ss1Dd0Ff9Gg8'].join('-');
const scrubber = new SecretScrubber([KEY, OTHER, 'short']);
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** No run of the random part survives: the property every form below must meet. */
const leaks = (text: string, secret = KEY): string | undefined => survivingRun(text, secret);

describe('the egress scrub censors every derived form of a held secret', () => {
  it.each([
    ['the literal key', `Incorrect API key provided: ${KEY}.`],
    ['the URL-encoded key', `GET /v1?key=x&k=${encodeURIComponent(KEY)}`],
    ['the JSON-escaped key', JSON.stringify({ message: `bad key "${KEY}"` })],
    ['base64 of the key', `token ${b64(KEY)}`],
    ['base64 of Bearer <key>', `auth=${b64(`Bearer ${KEY}`)}`],
    ['base64url of the key', `t=${Buffer.from(KEY).toString('base64url')}`],
    ['base64 of a Basic-auth pair', `Basic ${b64(`user:${KEY}`)}`],
    ['the key inside a base64 JSON document', `blob ${b64(JSON.stringify({ auth: `Bearer ${KEY}` }))}`],
    ['a truncated key (prefix cut)', `key ending ${KEY.slice(12)}`],
    ['an 8-character run of the random part', `…${randomPart(KEY).slice(5, 13)}…`],
    ['an Anthropic-style key', `x-api-key: ${OTHER}`],
  ])('%s', (_label, text) => {
    const clean = scrubber.scrub(text);
    expect(leaks(clean)).toBeUndefined();
    expect(leaks(clean, OTHER)).toBeUndefined();
    expect(clean).toContain(CENSOR);
  });

  it.each([
    [
      'prefix and suffix around stars',
      `Incorrect API key provided: ${KEY.slice(0, 11)}****…${KEY.slice(-4)}.`,
    ],
    ['prefix and suffix around bullets', `key ${KEY.slice(0, 8)}•••••${KEY.slice(-4)} rejected`],
    ['only the suffix visible', `key ****************${KEY.slice(-4)} rejected`],
    ['only the prefix visible', `key ${KEY.slice(0, 10)}... rejected`],
  ])('a partly masked key: %s', (_label, text) => {
    const clean = scrubber.scrub(text);
    expect(clean).toContain(CENSOR);
    expect(clean).not.toContain(KEY.slice(-4));
    expect(clean).not.toContain(KEY.slice(0, 8));
  });

  it('widens a match to the whole token, so no tail of the key is left behind', () => {
    expect(scrubber.scrub(`"${KEY}XYZ"`)).toBe(`"${CENSOR}"`);
    expect(scrubber.scrub(`Bearer ${KEY}, then text`)).toBe(`Bearer ${CENSOR}, then text`);
  });

  it('censors key and token query parameters whatever their value', () => {
    expect(scrubber.scrub('/v1/models?key=guess-123&x=1&api_key=zz')).toBe(
      `/v1/models?key=${CENSOR}&x=1&api_key=${CENSOR}`,
    );
  });

  it('censors a key made only of words whole, never the words on their own', () => {
    const wordy = new SecretScrubber(['up-anthropic-test-key']);
    expect(wordy.scrub('the anthropic upstream; key up-anthropic-test-key')).toBe(
      `the anthropic upstream; key ${CENSOR}`,
    );
  });

  it('leaves ordinary text alone: markdown, ellipses, other masked keys, secrets too short to hold', () => {
    for (const text of [
      '**bold** and ***strong*** text… wait... ok',
      'a masked key we do not hold: sk-zzzz****yyyy',
      'the word short is not a secret',
      JSON.stringify({ choices: [{ message: { content: 'The answer is 42.' } }] }),
    ]) {
      expect(scrubber.scrub(text)).toBe(text);
    }
    expect(new SecretScrubber([]).scrub('sk-anything****wxyz')).toBe('sk-anything****wxyz');
  });

  it('property: a held key embedded anywhere, in any derived form, never survives', () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const keyArb = fc
      .tuple(
        fc.constantFrom('sk-', 'sk-proj-', 'sk-ant-api03-', 'AIza', ''),
        fc.string({ minLength: 16, maxLength: 48, unit: fc.constantFrom(...alphabet) }),
      )
      .map(([prefix, body]) => prefix + body);
    const formArb = fc.constantFrom<(key: string) => string>(
      (key) => key,
      (key) => encodeURIComponent(key),
      (key) => JSON.stringify(key),
      (key) => b64(`Bearer ${key}`),
      (key) => b64(key),
      (key) => key.slice(3),
      (key) => key.slice(0, -3),
    );
    fc.assert(
      fc.property(
        keyArb,
        formArb,
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        (key, form, before, after) => {
          const clean = new SecretScrubber([key]).scrub(`${before}${form(key)}${after}`);
          expect(leaks(clean, key)).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
  });
});
