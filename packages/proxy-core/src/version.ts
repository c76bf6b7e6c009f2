import { existsSync, readFileSync } from 'node:fs';

interface Manifest {
  readonly name: string;
  readonly version: string;
}

/** The package manifest sits one level above src/ and two above dist/src/. */
function findManifest(): URL {
  for (const relative of ['../package.json', '../../package.json']) {
    const candidate = new URL(relative, import.meta.url);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('proxy-core: package.json not found next to the sources');
}

/** The package's own name and version. */
export const packageInfo: Manifest = JSON.parse(readFileSync(findManifest(), 'utf8')) as Manifest;
