/**
 * The default catalogs name models the installed SDKs still offer: an SDK upgrade that deprecates a default (or
 * drops it from its model union) fails here, so the next catalog refresh is caught by CI, not by a user's 404.
 * The SDKs' model lists are TypeScript unions, read from their declaration files; Anthropic's deprecations are the
 * SDK's own table (the one behind its "will reach end-of-life" warning).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANTHROPIC_DEFAULTS } from './anthropic/config.ts';
import { OPENAI_DEFAULTS } from './openai/config.ts';

const require = createRequire(import.meta.url);

/** The package's root folder (its `main` sits there in both SDKs). */
function packageRoot(name: string): string {
  return dirname(require.resolve(name));
}

/** The quoted members of `export type <name> = 'a' | 'b' | …;` in a declaration file. */
function unionMembers(file: string, name: string): Set<string> {
  const source = readFileSync(file, 'utf8');
  const declaration = new RegExp(`export type ${name} = ([^;]+);`).exec(source);
  if (declaration?.[1] === undefined) throw new Error(`no "export type ${name}" in ${file}`);
  return new Set([...declaration[1].matchAll(/'([^']+)'/g)].map((match) => match[1] ?? ''));
}

function defaultIds(defaults: { readonly models: readonly { readonly id: string }[] }): string[] {
  return defaults.models.map((model) => model.id);
}

describe('default model catalogs against the installed SDKs', () => {
  const anthropicRoot = packageRoot('@anthropic-ai/sdk');
  const anthropicModels = unionMembers(join(anthropicRoot, 'resources/messages/messages.d.ts'), 'Model');
  const deprecated = (
    require(join(anthropicRoot, 'internal/data/deprecated-models.js')) as {
      DEPRECATED_MODELS: Record<string, string>;
    }
  ).DEPRECATED_MODELS;

  it('reads a non-empty model union and deprecation table (a moved file must fail, not pass vacuously)', () => {
    expect(anthropicModels.size).toBeGreaterThan(5);
    expect(Object.keys(deprecated).length).toBeGreaterThan(0);
  });

  it.each(defaultIds(ANTHROPIC_DEFAULTS))(
    'anthropic: %s is in the SDK Model union and not deprecated',
    (id) => {
      expect(anthropicModels).toContain(id);
      expect(deprecated, `${id} reaches end of life on ${deprecated[id]}`).not.toHaveProperty(id);
    },
  );

  it('anthropic: the cheapest default is listed and current', () => {
    expect(defaultIds(ANTHROPIC_DEFAULTS)).toContain(ANTHROPIC_DEFAULTS.cheapestModel);
  });

  const openAiModels = unionMembers(join(packageRoot('openai'), 'resources/shared.d.ts'), 'ChatModel');

  it.each(defaultIds(OPENAI_DEFAULTS))('openai: %s is in the SDK ChatModel union', (id) => {
    expect(openAiModels.size).toBeGreaterThan(5);
    expect(openAiModels).toContain(id);
  });

  it('openai: the cheapest default is listed', () => {
    expect(defaultIds(OPENAI_DEFAULTS)).toContain(OPENAI_DEFAULTS.cheapestModel);
  });
});
