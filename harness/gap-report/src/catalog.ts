import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { catalogSchema, type Catalog } from './catalog-schema.ts';

/** Raised when catalog.yaml is not valid: the generator must not write a report from a broken catalog. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

/** Parses and validates catalog text; the error lists every problem as `path: message`. */
export function parseCatalog(text: string, source = 'catalog.yaml'): Catalog {
  let raw: unknown;
  try {
    raw = parse(text, { prettyErrors: true });
  } catch (error) {
    throw new CatalogError(
      `${source} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const result = catalogSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new CatalogError(`${source} is invalid:\n${problems.join('\n')}`);
  }
  return result.data;
}

export function loadCatalog(path: string): Catalog {
  return parseCatalog(readFileSync(path, 'utf8'), path);
}
